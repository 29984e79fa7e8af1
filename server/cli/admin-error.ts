/** A request that is well-formed but cannot be carried out (unknown user, duplicate name...). */
export class AdminError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AdminError';
  }
}
