import { attentionView } from '../attention/attention';
import { endpoint, NO_ARGUMENTS } from './endpoint';

/** Home's second call, once the overview is shown: what needs attention today, and the headline numbers. */
export const apiGetAttention = /* @__PURE__ */ endpoint(NO_ARGUMENTS, () => attentionView());
