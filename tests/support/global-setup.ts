import { chromiumServerSetup } from './chromium';

/** jest globalSetup (jest.config.js): the shared Chromium of the browser tests. */
export default chromiumServerSetup;
