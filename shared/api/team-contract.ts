/** Team lead operations (issue 6): team views, reassignment, escalation decisions. */
import { z } from 'zod';
import {
  CustomerReassignResultSchema,
  CustomerReassignSchema,
  EscalationDecideSchema,
  EscalationDecisionSchema,
  TeamEscalationSchema,
  TeamLoadSchema,
} from './team-schemas';

const EmptySchema = z.object({}).strict();

export const teamContract = {
  'team.load': { input: EmptySchema, output: TeamLoadSchema },
  'team.escalations': { input: EmptySchema, output: z.array(TeamEscalationSchema) },
  'customer.reassign': { input: CustomerReassignSchema, output: CustomerReassignResultSchema },
  'escalation.decide': { input: EscalationDecideSchema, output: EscalationDecisionSchema },
} as const;
