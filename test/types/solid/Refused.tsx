// What tsc must refuse in Solid's JSX.
import 'rc-call-logger/solid';

export const refused = [
  // @ts-expect-error: a number attribute takes a number
  <rc-call-logger response-timeout="soon" />,
  // @ts-expect-error: an on:call-match listener gets a CallMatchEvent, which has no call
  <rc-call-logger on:call-match={(event) => void event.call} />,
  // @ts-expect-error: a boolean property takes a boolean
  <rc-call-logger autoLog="yes" />,
];
