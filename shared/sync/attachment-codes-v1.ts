/**
 * The attachment code lists as the first attachments migrations made them (desktop 016, server
 * 013): both stores' CHECKs are built from these, frozen. The live lists in
 * shared/domain/attachments.ts may grow; a growing list then needs a migration of its own, and the
 * drift test says so.
 */
export const ATTACHMENT_PARENTS_V1: readonly string[] = ['note', 'dispute', 'activity'];

export const ATTACHMENT_MEDIA_TYPES_V1: readonly string[] = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/tiff',
  'text/plain',
  'text/csv',
  'message/rfc822',
  'application/vnd.ms-outlook',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
];
