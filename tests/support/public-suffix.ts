import { usePublicSuffixSource } from '../../src/domain/matching/public-suffix';

/**
 * Jest setup (jest.config.js setupFiles): code imported straight from src/ runs in Node, with no
 * HtmlService to read build/PublicSuffix.html, so it reads the same text the build writes.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { publicSuffixFileText } = require('../../scripts/public-suffix.js') as { publicSuffixFileText(): string };

let text: string | undefined;

/** What build/PublicSuffix.html holds. */
export function publicSuffixText(): string {
  text ??= publicSuffixFileText();
  return text;
}

usePublicSuffixSource(publicSuffixText);
