// Bolt's HTTP receiver, except that a signed delivery Bolt itself cannot process (a payload without `user`,
// an event that is null) is answered 400 instead of 500: malformed input is the sender's fault, not a crash.
import { HTTPModuleFunctions, HTTPReceiver, type CustomRoute, type Logger, type ReceiverProcessEventErrorHandlerArgs } from '@slack/bolt';

export interface SlackHttpReceiverOptions {
  signingSecret: string;
  customRoutes?: CustomRoute[];
  logger: Logger;
}

export async function answerMalformedDelivery(args: ReceiverProcessEventErrorHandlerArgs): Promise<boolean> {
  const { error, response, logger } = args;
  // Already answered (ack came first), or an authorization failure: Bolt's own handling is right.
  if (response.headersSent || (error as { code?: string }).code === 'slack_bolt_authorization_error') {
    return HTTPModuleFunctions.defaultProcessEventErrorHandler(args);
  }
  logger.warn(`Refused a signed Slack delivery that could not be processed (400): ${error.message}`);
  response.writeHead(400);
  response.end();
  return true;
}

export function slackHttpReceiver(options: SlackHttpReceiverOptions): HTTPReceiver {
  return new HTTPReceiver({
    signingSecret: options.signingSecret,
    customRoutes: options.customRoutes,
    logger: options.logger,
    processEventErrorHandler: answerMalformedDelivery,
  });
}
