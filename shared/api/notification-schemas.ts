/** The notification list (issue 17): what others did that the local user should know. */
import { z } from 'zod';
import { StoredTimestampSchema } from './schemas';

export const NOTIFICATION_KINDS = ['decision', 'assignment', 'reply', 'task', 'sync_issue'] as const;

/**
 * One thing to know. Texts are stored values shown as text: who (`byName`), what (`subject`: the
 * escalation kind, the dispute reason or the refused operation), the new state (the decision, the
 * dispute status, the follow-up's due date or the error code) and the words with it.
 */
export const NotificationSchema = z.object({
  kind: z.enum(NOTIFICATION_KINDS),
  id: z.string(),
  at: StoredTimestampSchema,
  customerId: z.string().nullable(),
  customerName: z.string().nullable(),
  byName: z.string().nullable(),
  subject: z.string().nullable(),
  state: z.string().nullable(),
  text: z.string().nullable(),
});

export const notificationContract = {
  'notifications.list': { input: z.object({}).strict(), output: z.array(NotificationSchema) },
} as const;
