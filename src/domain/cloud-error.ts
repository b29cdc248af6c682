// A failed SmartAG call, as the cloud adapter reports it to the use cases.

export class CloudApiError extends Error {
  readonly code: string;
  readonly httpStatus?: number;
  readonly cloudRequestId?: string;
  /** True when the call may have reached the service but its answer was lost (timeout after sending). */
  readonly ambiguous: boolean;

  constructor(opts: { code: string; message: string; httpStatus?: number; cloudRequestId?: string; ambiguous?: boolean }) {
    super(opts.message);
    this.name = 'CloudApiError';
    this.code = opts.code;
    this.httpStatus = opts.httpStatus;
    this.cloudRequestId = opts.cloudRequestId;
    this.ambiguous = opts.ambiguous ?? false;
  }
}

export function isCloudApiError(err: unknown): err is CloudApiError {
  return err instanceof CloudApiError;
}
