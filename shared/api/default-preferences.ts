/**
 * What a user starts with, and what a damaged settings file falls back to. Apart from the contract
 * so the renderer can take it without loading zod (whose eval probe the CSP reports).
 */
import type { Preferences } from './contract';

export const DEFAULT_PREFERENCES: Preferences = {
  theme: 'system',
  density: 'comfortable',
  lastFilters: {},
  lastSort: { by: 'score', dir: 'desc' },
  timeZone: null,
  language: null,
  notificationsSeen: {},
};
