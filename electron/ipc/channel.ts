/** The single IPC channel between preload and main; every API call travels through it. */
export const API_INVOKE_CHANNEL = 'api:invoke';
