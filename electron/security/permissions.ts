/**
 * The workstation needs no camera, microphone, geolocation, notifications or similar, so every
 * permission a page asks for is refused; a feature that needs one must be added here on purpose.
 */
export const GRANTED_PERMISSIONS: ReadonlySet<string> = new Set<string>();

export function isPermissionGranted(permission: string): boolean {
  return GRANTED_PERMISSIONS.has(permission);
}
