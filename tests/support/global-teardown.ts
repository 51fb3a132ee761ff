import { chromiumServerTeardown } from './chromium';

/** jest globalTeardown (jest.config.js): closes the shared Chromium. */
export default chromiumServerTeardown;
