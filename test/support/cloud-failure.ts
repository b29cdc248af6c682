// The CloudApiError a SmartAG call rejected with; fails the test when the call succeeded or threw something else.
import { CloudApiError } from '../../src/domain/cloud-error';

export async function failure(p: Promise<unknown>): Promise<CloudApiError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof CloudApiError) return err;
    throw err;
  }
  throw new Error('expected the call to fail');
}
