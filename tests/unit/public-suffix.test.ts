import * as tldts from 'tldts';
import { PublicSuffixData, getDomain, parsePublicSuffixData, usePublicSuffixSource } from '../../src/domain/matching/public-suffix';
import { registrableDomain } from '../../src/domain/matching/domain';
import { publicSuffixText } from '../support/public-suffix';

/**
 * The list build/PublicSuffix.html carries and the lookup over it answer exactly as tldts
 * (which we used to bundle whole) does: every rule of both sections, normal, wildcard and
 * exception, under each set of options the matching code passes.
 */
const data = JSON.parse(publicSuffixText()) as PublicSuffixData;

/** Every rule in the trie under `root`, as PSL text ("co.uk", "*.ck", "blogspot.com"). */
function rulesUnder(root: number): string[] {
  const rules: string[] = [];
  const visit = (node: number, labels: string[], offsets: number[]) => {
    if (labels.length > 0 && data.nodeFlags[node] !== 0) rules.push([...labels].reverse().join('.'));
    for (let edge = data.edgeStart[node]; edge < data.edgeStart[node + 1]; edge++) {
      const label = data.labelText.slice(offsets[edge], offsets[edge] + data.edgeLength[edge]);
      visit(data.edgeChild[edge], [...labels, label], offsets);
    }
  };
  const offsets: number[] = [];
  let offset = 0;
  for (let edge = 0; edge < data.edgeLength.length; edge++) {
    offsets.push(offset);
    offset += data.edgeLength[edge];
  }
  visit(root, [], offsets);
  return rules;
}

const rules = rulesUnder(data.rulesRoot);
const exceptions = rulesUnder(data.exceptionsRoot);

const OPTION_SETS = [{ allowPrivateDomains: true }, { allowPrivateDomains: true, extractHostname: false }, {}];

function hostsFor(rule: string): string[] {
  const concrete = rule.replace(/\*/g, 'x');
  return [concrete, `acme.${concrete}`, `www.acme.${concrete}`];
}

describe('the public suffix list read at run time', () => {
  test('holds both sections of the list, with wildcard and exception rules', () => {
    expect(rules.length).toBeGreaterThan(9000);
    expect(rules).toEqual(expect.arrayContaining(['com', 'co.uk', '*.ck', 'blogspot.com', 'github.io', 'myshopify.com']));
    expect(exceptions).toEqual(expect.arrayContaining(['www.ck']));
  });

  test('every rule and exception gives the domain tldts gives, under each option set', () => {
    const differences: string[] = [];
    for (const rule of [...rules, ...exceptions]) {
      for (const host of hostsFor(rule)) {
        for (const options of OPTION_SETS) {
          const ours = getDomain(host, options);
          const theirs = tldts.getDomain(host, options);
          if (ours !== theirs) differences.push(`${host} ${JSON.stringify(options)}: ${ours} vs ${theirs}`);
        }
      }
    }
    expect(differences).toEqual([]);
  });

  test('URLs, addresses, unlisted suffixes and odd input give what tldts gives', () => {
    const inputs = [
      'https://www.acme.co.uk/path?q=1',
      'http://shop.acme.myshopify.com:8080/',
      'acme.github.io',
      'www.ck',
      'a.b.www.ck',
      'foo.ck',
      'acme.unknowntld',
      'localhost',
      '192.168.0.1',
      '[::1]',
      'xn--mnchen-3ya.de',
      'münchen.de',
      'acme..com',
      '.acme.com',
      'acme.com.',
      'a.b.c.d.e.f.kawasaki.jp',
      'city.kawasaki.jp',
      'acme.compute.amazonaws.com',
      'x.s3.amazonaws.com',
      '',
      'com',
      'co.uk',
    ];
    for (const input of inputs) {
      for (const options of OPTION_SETS) expect([input, options, getDomain(input, options)]).toEqual([input, options, tldts.getDomain(input, options)]);
    }
  });
});

describe('loading the list', () => {
  afterEach(() => usePublicSuffixSource(publicSuffixText));

  test('it is read once, when the first domain is looked up, not before', () => {
    const read = jest.fn(publicSuffixText);
    usePublicSuffixSource(read);
    expect(read).not.toHaveBeenCalled();
    expect(registrableDomain('https://acme.co.uk')).toBe('acme.co.uk');
    expect(registrableDomain('shop.other.myshopify.com')).toBe('other.myshopify.com');
    expect(read).toHaveBeenCalledTimes(1);
  });

  test('a missing list fails the lookup, not silently as no domain', () => {
    usePublicSuffixSource(() => {
      throw new Error('No HTML file named PublicSuffix was found.');
    });
    expect(() => registrableDomain('acme.co.uk')).toThrow('No HTML file named PublicSuffix was found.');
  });

  test('a damaged list is refused when parsed', () => {
    expect(() => parsePublicSuffixData('<html>oops</html>')).toThrow('PublicSuffix.html is not the public suffix list the build writes.');
    expect(() => parsePublicSuffixData(JSON.stringify({ ...data, edgeChild: data.edgeChild.slice(1) }))).toThrow('is not the public suffix list');
    expect(() => parsePublicSuffixData(JSON.stringify({ ...data, labelText: 7 }))).toThrow('is not the public suffix list');
  });

  test('the file is plain ASCII (other characters escaped) and has nothing a template would run', () => {
    const text = publicSuffixText();
    expect(/^[\x20-\x7e]*$/.test(text)).toBe(true);
    expect(text).not.toContain('<?');
  });
});
