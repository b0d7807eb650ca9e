/**
 * Named crash points for crash-injection tests: when SHANXING_FAULT names a point, the function
 * dies there exactly as a killed instance would (the emulator sets it per invocation; unset in production).
 */
export class InjectedFault extends Error {
  constructor(point: string) {
    super(`injected fault at ${point}`);
    this.name = 'InjectedFault';
  }
}

export function faultPoint(point: string): void {
  const wanted = process.env.SHANXING_FAULT;
  if (wanted && wanted.split(',').includes(point)) throw new InjectedFault(point);
}
