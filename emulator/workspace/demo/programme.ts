/**
 * The demo programme's cast: a made-up software company's partner programme, its
 * team, its partners and the customers they bring. Every company and address is
 * fictional, on the reserved `.example` domain. The generator (generate.ts) puts
 * these people to work through the add-on's own entry points.
 */

export const PROGRAMME_NAME = 'Brightloom Partner Programme';

/** The spreadsheet's name in Drive. */
export const SPREADSHEET_NAME = 'Brightloom partner tracker';

export const OWNER_NAME = 'Owner';

/**
 * The team, given their roles by the owner in the sidebar's Team view (workspace people, see
 * people-view.ts). The manager also works leads (moving them needs the Partner team role).
 */
export const DEMO_TEAM = {
  manager: { email: 'manager@example.com', roles: ['Manager', 'Partner team'], name: 'Morgan Reyes' },
  teammate: { email: 'teammate@example.com', roles: ['Partner team'], name: 'Taylor Chen' },
  finance: { email: 'finance@example.com', roles: ['Finance'], name: 'Frankie Osei' },
} as const;

export type Tier = 'Registered' | 'Silver' | 'Gold' | 'Platinum';
export type PartnerKind = 'Referral' | 'Reseller' | 'Affiliate';

export interface DemoPartner {
  name: string;
  code: string;
  contactName: string;
  contactEmail: string;
  type: PartnerKind;
  tier: Tier;
  region: string;
  productFocus: string;
  /** Day of the demo year the partner joins (0 = the first day). */
  joinsOnDay: number;
  notes: string;
}

export const DEMO_PARTNERS: readonly DemoPartner[] = [
  {
    name: 'Northgate Systems',
    code: 'NORTHGATE',
    contactName: 'Ada Whitfield',
    contactEmail: 'ada@northgate-systems.example',
    type: 'Reseller',
    tier: 'Platinum',
    region: 'North America',
    productFocus: 'Core Platform',
    joinsOnDay: 0,
    notes: 'Largest reseller; quarterly business reviews.',
  },
  {
    name: 'Fjordline Consulting',
    code: 'FJORDLINE',
    contactName: 'Nils Haugen',
    contactEmail: 'nils@fjordline.example',
    type: 'Reseller',
    tier: 'Gold',
    region: 'EMEA',
    productFocus: 'Professional Services',
    joinsOnDay: 0,
    notes: '',
  },
  {
    name: 'Kestrel Digital',
    code: 'KESTREL',
    contactName: 'Priya Natarajan',
    contactEmail: 'priya@kestrel-digital.example',
    type: 'Reseller',
    tier: 'Gold',
    region: 'APAC',
    productFocus: 'Analytics Add-on',
    joinsOnDay: 0,
    notes: '',
  },
  {
    name: 'Solace Advisory',
    code: 'SOLACE',
    contactName: 'Marco Bellini',
    contactEmail: 'marco@solace-advisory.example',
    type: 'Referral',
    tier: 'Silver',
    region: 'EMEA',
    productFocus: 'Core Platform',
    joinsOnDay: 0,
    notes: '',
  },
  {
    name: 'Copperleaf Partners',
    code: 'COPPERLEAF',
    contactName: 'Grace Mbeki',
    contactEmail: 'grace@copperleaf.example',
    type: 'Referral',
    tier: 'Silver',
    region: 'North America',
    productFocus: 'Analytics Add-on',
    joinsOnDay: 0,
    notes: '',
  },
  {
    name: 'Andes Tech Group',
    code: 'ANDES',
    contactName: 'Lucía Paredes',
    contactEmail: 'lucia@andestech.example',
    type: 'Reseller',
    tier: 'Silver',
    region: 'LATAM',
    productFocus: 'Core Platform',
    joinsOnDay: 0,
    notes: '',
  },
  {
    name: 'Pinecrest Referrals',
    code: 'PINECREST',
    contactName: 'Owen Gallagher',
    contactEmail: 'owen@pinecrest.example',
    type: 'Referral',
    tier: 'Registered',
    region: 'North America',
    productFocus: '',
    joinsOnDay: 0,
    notes: '',
  },
  {
    name: 'Bytewise Reviews',
    code: 'BYTEWISE',
    contactName: 'Hana Sato',
    contactEmail: 'hana@bytewise-reviews.example',
    type: 'Affiliate',
    tier: 'Registered',
    region: 'APAC',
    productFocus: 'Analytics Add-on',
    joinsOnDay: 0,
    notes: 'Affiliate site; flat fee per won deal.',
  },
  {
    name: 'Meridian Cloud Services',
    code: 'MERIDIAN',
    contactName: 'Daniel Okafor',
    contactEmail: 'daniel@meridian-cloud.example',
    type: 'Reseller',
    tier: 'Gold',
    region: 'North America',
    productFocus: 'Professional Services',
    joinsOnDay: 0,
    notes: '',
  },
  {
    name: 'Lumen Affiliates',
    code: 'LUMEN',
    contactName: 'Sofia Lindqvist',
    contactEmail: 'sofia@lumen-affiliates.example',
    type: 'Affiliate',
    tier: 'Registered',
    region: 'EMEA',
    productFocus: 'Core Platform',
    joinsOnDay: 45,
    notes: '',
  },
  {
    name: 'Harbourview IT',
    code: 'HARBOURVIEW',
    contactName: 'Liam Doherty',
    contactEmail: 'liam@harbourview-it.example',
    type: 'Reseller',
    tier: 'Registered',
    region: 'EMEA',
    productFocus: 'Core Platform',
    joinsOnDay: 120,
    notes: 'Joined at the spring partner summit.',
  },
  {
    name: 'Quetzal Soluciones',
    code: 'QUETZAL',
    contactName: 'Mateo Ruiz',
    contactEmail: 'mateo@quetzal.example',
    type: 'Referral',
    tier: 'Registered',
    region: 'LATAM',
    productFocus: 'Analytics Add-on',
    joinsOnDay: 200,
    notes: '',
  },
];

/** Partner changes the team makes during the year, in the sidebar (each audited). */
export const PARTNER_CHANGES: ReadonlyArray<{ code: string; onDay: number; change: Partial<Pick<DemoPartner, 'tier' | 'notes'>> & { status?: 'Active' | 'Paused' } }> = [
  { code: 'ANDES', onDay: 150, change: { tier: 'Gold', notes: 'Promoted to Gold after a strong first half.' } },
  { code: 'PINECREST', onDay: 230, change: { status: 'Paused', notes: 'Paused: contract renewal under review.' } },
];

/**
 * The partner whose bank details are being confirmed: Finance leaves their approved payouts
 * unpaid from this day of the year on (so the demo always shows approved, unpaid payouts).
 */
export const BANK_DETAILS_PENDING = { code: 'MERIDIAN', fromDay: 270 };

/** Programme settings the owner types into the Settings tab on the first day. */
export const DEMO_SETTINGS: ReadonlyArray<[label: string, value: string]> = [
  ['Programme name', PROGRAMME_NAME],
  ['Minimum payout', '250'],
];

/**
 * Commission rules the owner pastes into Commission Rules on the first day (Rule ID, Name, Rule Type,
 * Partner Tier, Partner Type, Product, Kind, Rate, Flat Amount, Accelerator Threshold, Accelerator Rate,
 * Cap Per Deal, Holding Days, Effective From, Effective To, Notes, Active). Dates are filled in by the
 * generator: `from` and `to` are days of the demo year.
 */
export interface DemoRule {
  name: string;
  ruleType: 'Base' | 'Bonus';
  tier: Tier | '';
  type: PartnerKind | '';
  product: string;
  kind: 'Percentage' | 'Flat';
  rate: number | '';
  flat: number | '';
  acceleratorThreshold: number | '';
  acceleratorRate: number | '';
  cap: number | '';
  holdingDays: number | '';
  from: number | null;
  to: number | null;
  notes: string;
}

export const DEMO_RULES: readonly DemoRule[] = [
  {
    name: 'Reseller standard',
    ruleType: 'Base',
    tier: '',
    type: 'Reseller',
    product: '',
    kind: 'Percentage',
    rate: 0.15,
    flat: '',
    acceleratorThreshold: 150000,
    acceleratorRate: 0.2,
    cap: 30000,
    holdingDays: '',
    from: null,
    to: null,
    notes: '20% above 150,000 won in a quarter.',
  },
  {
    name: 'Reseller Platinum',
    ruleType: 'Base',
    tier: 'Platinum',
    type: 'Reseller',
    product: '',
    kind: 'Percentage',
    rate: 0.2,
    flat: '',
    acceleratorThreshold: '',
    acceleratorRate: '',
    cap: 40000,
    holdingDays: '',
    from: null,
    to: null,
    notes: '',
  },
  {
    name: 'Referral fee',
    ruleType: 'Base',
    tier: '',
    type: 'Referral',
    product: '',
    kind: 'Percentage',
    rate: 0.1,
    flat: '',
    acceleratorThreshold: '',
    acceleratorRate: '',
    cap: 15000,
    holdingDays: '',
    from: null,
    to: null,
    notes: '',
  },
  {
    name: 'Affiliate bounty',
    ruleType: 'Base',
    tier: '',
    type: 'Affiliate',
    product: '',
    kind: 'Flat',
    rate: '',
    flat: 750,
    acceleratorThreshold: '',
    acceleratorRate: '',
    cap: '',
    holdingDays: 14,
    from: null,
    to: null,
    notes: 'Flat fee per won deal.',
  },
  {
    name: 'Analytics launch SPIFF',
    ruleType: 'Bonus',
    tier: '',
    type: '',
    product: 'Analytics Add-on',
    kind: 'Flat',
    rate: '',
    flat: 500,
    acceleratorThreshold: '',
    acceleratorRate: '',
    cap: '',
    holdingDays: '',
    from: 150,
    to: 240,
    notes: 'Launch bonus for Analytics deals closed in the summer.',
  },
];

/** Customers are made up from these parts: "Bluepeak Logistics", bluepeak-logistics.example. */
const NAME_STARTS = [
  'Blue',
  'Silver',
  'Iron',
  'Cedar',
  'Harbor',
  'Summit',
  'Maple',
  'Granite',
  'Amber',
  'Falcon',
  'Willow',
  'Orchid',
  'Crimson',
  'Atlas',
  'Nimbus',
  'Lattice',
  'Quartz',
  'Tidal',
  'Ember',
  'Polar',
];
const NAME_ENDS = ['peak', 'field', 'stone', 'bridge', 'wave', 'point', 'works', 'gate', 'crest', 'line'];
const SECTORS = ['Logistics', 'Health', 'Foods', 'Energy', 'Retail', 'Robotics', 'Finance', 'Labs', 'Media', 'Freight', 'Textiles', 'Analytics'];
const LEGAL = ['Inc', 'Ltd', 'GmbH', 'LLC', 'S.A.', 'Pty Ltd', ''];
const FIRST_NAMES = ['Alex', 'Jordan', 'Sam', 'Robin', 'Kai', 'Noor', 'Elena', 'Tomás', 'Mei', 'Ravi', 'Zoe', 'Ibrahim', 'Lena', 'Yusuf', 'Clara', 'Diego'];
const LAST_NAMES = ['Park', 'Novak', 'Adeyemi', 'Larsen', 'Moreau', 'Tanaka', 'Silva', 'Kowalski', 'Byrne', 'Haddad', 'Fischer', 'Ortiz'];

export interface DemoCustomer {
  company: string;
  website: string;
  contactName: string;
  contactEmail: string;
}

/** The customer numbered `n` (the same for the same n): every partner registers from one pool, so deals can collide. */
export function customerNumber(n: number, pick: (size: number) => number): DemoCustomer {
  const start = NAME_STARTS[n % NAME_STARTS.length];
  const end = NAME_ENDS[Math.floor(n / NAME_STARTS.length) % NAME_ENDS.length];
  const sector = SECTORS[(n * 7) % SECTORS.length];
  const legal = LEGAL[pick(LEGAL.length)];
  const brand = `${start}${end}`;
  const slug = `${brand}-${sector}`.toLowerCase();
  const first = FIRST_NAMES[pick(FIRST_NAMES.length)];
  const last = LAST_NAMES[pick(LAST_NAMES.length)];
  return {
    company: [brand, sector, legal].filter(Boolean).join(' '),
    website: `https://www.${slug}.example`,
    contactName: `${first} ${last}`,
    contactEmail: `${first
      .toLowerCase()
      .normalize('NFD')
      .replace(/[^a-z]/g, '')}.${last.toLowerCase()}@${slug}.example`,
  };
}

export const PRODUCTS = ['Core Platform', 'Analytics Add-on', 'Professional Services'] as const;

export const REJECT_REASONS = ['Existing customer', 'Outside our target market', 'Not enough information to act on', 'Registered by our direct sales team already'];
export const LOST_REASONS = ['Chose a competitor', 'Budget frozen for the year', 'No decision: project shelved', 'Went with an in-house build'];
export const REFUND_REASONS = ['Customer cancelled within the refund period', 'Chargeback from the customer', 'Contract terminated in the first quarter'];
export const CONFLICT_REJECT_REASON = 'The earlier registration owns this deal';
export const CONFLICT_ACCEPT_REASON = 'The first partner confirmed they are no longer working this deal';
