// The demo brand: Northbound Outfitters, an outdoor-gear DTC store shipping from Flagstaff, Arizona
// (Arizona keeps -07:00 all year, so every Shopify timestamp carries one fixed offset).
// People and addresses are invented; every email uses the reserved example.* domains so nothing
// in the demo can ever reach a real inbox, and phones use the fictional 555-01xx range.

export const DEMO_BRAND = {
  name: 'Northbound Outfitters',
  gorgiasDomain: 'northbound-demo',
  supportEmail: 'agent@northboundoutfitters.example.com',
  agentName: 'Sam Rivera',
  timezoneOffset: '-07:00',
  offsetMinutes: -7 * 60,
} as const;

export interface DemoProduct {
  sku: string;
  title: string;
  variantTitle: string | null;
  priceCents: number;
  productId: number;
  variantId: number;
  grams: number;
}

const P = (
  sku: string,
  title: string,
  variantTitle: string | null,
  priceCents: number,
  product: number,
  variant: number,
  grams: number,
): DemoProduct => ({
  sku,
  title,
  variantTitle,
  priceCents,
  productId: 8012345670000 + product,
  variantId: 44012345670000 + variant,
  grams,
});

// SKUs starting with FS- are final sale (sample-sale and last-season stock).
const DEMO_PRODUCTS: DemoProduct[] = [
  P('NB-JKT-ALP-S', 'Alpine Shell Jacket', 'Small', 22900, 1, 101, 480),
  P('NB-JKT-ALP-M', 'Alpine Shell Jacket', 'Medium', 22900, 1, 102, 500),
  P('NB-JKT-ALP-L', 'Alpine Shell Jacket', 'Large', 22900, 1, 103, 520),
  P('NB-FLC-CAM-S', 'Cascade Fleece', 'Small', 9800, 2, 201, 380),
  P('NB-FLC-CAM-M', 'Cascade Fleece', 'Medium', 9800, 2, 202, 400),
  P('NB-FLC-CAM-L', 'Cascade Fleece', 'Large', 9800, 2, 203, 420),
  P('NB-BOOT-TRL-9', 'Trailhead Hiking Boot', 'US 9', 16800, 3, 301, 1150),
  P('NB-BOOT-TRL-10', 'Trailhead Hiking Boot', 'US 10', 16800, 3, 302, 1200),
  P('NB-BOOT-TRL-105', 'Trailhead Hiking Boot', 'US 10.5', 16800, 3, 303, 1220),
  P('NB-BOOT-TRL-11', 'Trailhead Hiking Boot', 'US 11', 16800, 3, 304, 1250),
  P('NB-PACK-28L', 'Summit 28L Daypack', 'Slate', 13900, 4, 401, 900),
  P('NB-TENT-2P', 'Ridgeline 2P Tent', null, 44900, 5, 501, 1900),
  P('NB-BAG-20F', 'Ember 20°F Sleeping Bag', 'Regular / Left Zip', 28900, 6, 601, 1100),
  P('NB-MUG-TI', 'Titanium Camp Mug', '450 ml', 3400, 7, 701, 90),
  P('NB-SOCK-MW3', 'Merino Hiking Socks (3-pack)', 'M', 4200, 8, 801, 200),
  P('NB-BTL-1L', 'Insulated Trail Bottle 1L', 'Sage', 3800, 9, 901, 420),
  P('NB-HAT-SUN', 'Trail Sun Hat', 'S/M', 3600, 10, 1001, 110),
  P('NB-LAMP-HDL', 'Beacon Headlamp', null, 4900, 11, 1101, 95),
  P('NB-STOVE-PKT', 'Pocket Stove', null, 5900, 12, 1201, 140),
  P('NB-POLE-CBN', 'Carbon Trekking Poles', 'Pair', 12900, 13, 1301, 460),
  P('FS-NB-VEST-PUF-M', 'Loft Puffer Vest (Sample Sale)', 'Medium', 7900, 14, 1401, 330),
  P('FS-NB-BEANIE', 'Ridge Beanie (Last Season)', 'Charcoal', 1800, 15, 1501, 80),
];

export function product(sku: string): DemoProduct {
  const p = DEMO_PRODUCTS.find((x) => x.sku === sku);
  if (!p) throw new Error(`demo catalog has no SKU ${sku}`);
  return p;
}

export interface DemoAddress {
  address1: string;
  address2: string | null;
  city: string;
  province: string;
  provinceCode: string;
  zip: string;
}

export interface DemoCustomer {
  key: string;
  firstName: string;
  lastName: string;
  email: string;
  altEmail?: string; // used on one of their orders: a second address the helpdesk must still match
  phone?: string;
  address: DemoAddress;
  tags: string[];
  // Customers who bought before the stream starts: their history is summarised on the record.
  priorOrders?: number;
  priorSpentCents?: number;
  sinceDays?: number; // account age for pre-existing customers
  acceptsMarketing: boolean;
}

const A = (address1: string, city: string, provinceCode: string, zip: string, address2: string | null = null): DemoAddress => ({
  address1,
  address2,
  city,
  province: PROVINCES[provinceCode].name,
  provinceCode,
  zip,
});

// Sales tax per destination state (rounded state rates; the demo only needs plausible totals).
export const PROVINCES: Record<string, { name: string; taxRate: number }> = {
  AZ: { name: 'Arizona', taxRate: 0.056 },
  CA: { name: 'California', taxRate: 0.0725 },
  CO: { name: 'Colorado', taxRate: 0.029 },
  CT: { name: 'Connecticut', taxRate: 0.0635 },
  HI: { name: 'Hawaii', taxRate: 0.04 },
  ID: { name: 'Idaho', taxRate: 0.06 },
  IL: { name: 'Illinois', taxRate: 0.0625 },
  KY: { name: 'Kentucky', taxRate: 0.06 },
  MA: { name: 'Massachusetts', taxRate: 0.0625 },
  ME: { name: 'Maine', taxRate: 0.055 },
  MN: { name: 'Minnesota', taxRate: 0.06875 },
  MO: { name: 'Missouri', taxRate: 0.04225 },
  NC: { name: 'North Carolina', taxRate: 0.0475 },
  NM: { name: 'New Mexico', taxRate: 0.04875 },
  NY: { name: 'New York', taxRate: 0.04 },
  OK: { name: 'Oklahoma', taxRate: 0.045 },
  OR: { name: 'Oregon', taxRate: 0 },
  PA: { name: 'Pennsylvania', taxRate: 0.06 },
  TN: { name: 'Tennessee', taxRate: 0.07 },
  TX: { name: 'Texas', taxRate: 0.0625 },
  UT: { name: 'Utah', taxRate: 0.061 },
  VT: { name: 'Vermont', taxRate: 0.06 },
  WA: { name: 'Washington', taxRate: 0.065 },
  WI: { name: 'Wisconsin', taxRate: 0.05 },
};

export const DEMO_CUSTOMERS: DemoCustomer[] = [
  {
    key: 'margaret',
    firstName: 'Margaret',
    lastName: 'Okafor',
    email: 'margaret.okafor@example.com',
    phone: '+12065550188',
    address: A('4417 NE 55th St', 'Seattle', 'WA', '98105'),
    tags: ['vip', 'newsletter'],
    priorOrders: 9,
    priorSpentCents: 341235,
    sinceDays: 910,
    acceptsMarketing: true,
  },
  {
    key: 'liam',
    firstName: 'Liam',
    lastName: 'Chen',
    email: 'liam.chen@example.com',
    phone: '+14155550126',
    address: A('1280 Valencia St', 'San Francisco', 'CA', '94110'),
    tags: ['newsletter'],
    acceptsMarketing: true,
  },
  {
    key: 'sofia',
    firstName: 'Sofia',
    lastName: 'Martinez',
    email: 'sofia.m.martinez@example.com',
    address: A('1907 S 1st St', 'Austin', 'TX', '78704'),
    tags: [],
    acceptsMarketing: false,
  },
  {
    key: 'daniel',
    firstName: 'Daniel',
    lastName: 'Brooks',
    email: 'dan.brooks@example.com',
    address: A('742 Cherokee Rd', 'Louisville', 'KY', '40204'),
    tags: [],
    acceptsMarketing: true,
  },
  {
    key: 'noah',
    firstName: 'Noah',
    lastName: 'Patel',
    email: 'noah.patel@example.com',
    address: A('55 W 17th St', 'New York', 'NY', '10011', 'Apt 6B'),
    tags: [],
    acceptsMarketing: false,
  },
  {
    key: 'emma',
    firstName: 'Emma',
    lastName: 'Johansson',
    email: 'emma.johansson@example.com',
    phone: '+15035550147',
    address: A('4810 NE Alberta St', 'Portland', 'OR', '97218', 'Apt 12'),
    tags: ['newsletter'],
    acceptsMarketing: true,
  },
  {
    key: 'oliver',
    firstName: 'Oliver',
    lastName: 'Grant',
    email: 'oliver.grant@example.com',
    address: A('1350 S 900 E', 'Salt Lake City', 'UT', '84105'),
    tags: [],
    acceptsMarketing: false,
  },
  {
    key: 'ava',
    firstName: 'Ava',
    lastName: 'Thompson',
    email: 'ava.thompson@example.com',
    phone: '+17205550113',
    address: A('2650 Eliot St', 'Denver', 'CO', '80211'),
    tags: ['newsletter'],
    acceptsMarketing: true,
  },
  {
    key: 'priya',
    firstName: 'Priya',
    lastName: 'Nair',
    email: 'priya.nair@example.com',
    altEmail: 'priya@studionair.example.net',
    address: A('88 Harrison Ave', 'Boston', 'MA', '02111', 'Apt 3'),
    tags: [],
    acceptsMarketing: true,
  },
  {
    key: 'marcus',
    firstName: 'Marcus',
    lastName: 'Reed',
    email: 'marcus.reed@example.com',
    address: A('2214 Ashby Ave', 'Berkeley', 'CA', '94705'),
    tags: [],
    acceptsMarketing: false,
  },
  {
    key: 'chloe',
    firstName: 'Chloé',
    lastName: 'Dubois',
    email: 'chloe.dubois@example.com',
    address: A('3016 Bryant Ave S', 'Minneapolis', 'MN', '55408'),
    tags: ['newsletter'],
    acceptsMarketing: true,
  },
  {
    key: 'ethan',
    firstName: 'Ethan',
    lastName: 'Walker',
    email: 'ethan.walker@example.com',
    address: A('619 N 4th St', 'Boise', 'ID', '83702'),
    tags: [],
    acceptsMarketing: false,
  },
  {
    key: 'zoe',
    firstName: 'Zoe',
    lastName: 'Kim',
    email: 'zoe.kim@example.com',
    phone: '+13125550170',
    address: A('1745 W Division St', 'Chicago', 'IL', '60622', 'Apt 2'),
    tags: [],
    acceptsMarketing: true,
  },
  {
    key: 'lucas',
    firstName: 'Lucas',
    lastName: 'Ferreira',
    email: 'lucas.ferreira@example.com',
    address: A('45 Maple Ave', 'Burlington', 'VT', '05401'),
    tags: [],
    acceptsMarketing: false,
  },
  {
    key: 'isabella',
    firstName: 'Isabella',
    lastName: 'Rossi',
    email: 'isabella.rossi@example.com',
    address: A('2231 Fairmount Ave', 'Philadelphia', 'PA', '19130'),
    tags: ['newsletter'],
    acceptsMarketing: true,
  },
  {
    key: 'jack',
    firstName: 'Jack',
    lastName: "O'Brien",
    email: 'jack.obrien@example.com',
    address: A('812 W Mallon Ave', 'Spokane', 'WA', '99201'),
    tags: [],
    acceptsMarketing: false,
  },
  {
    key: 'grace',
    firstName: 'Grace',
    lastName: 'Lee',
    email: 'grace.lee@example.com',
    phone: '+19195550161',
    address: A('305 Glenwood Ave', 'Raleigh', 'NC', '27603'),
    tags: [],
    acceptsMarketing: false,
  },
  {
    key: 'mateo',
    firstName: 'Mateo',
    lastName: 'Alvarez',
    email: 'mateo.alvarez@example.com',
    address: A('4120 E Fort Lowell Rd', 'Tucson', 'AZ', '85712'),
    tags: [],
    acceptsMarketing: true,
  },
  {
    key: 'ruby',
    firstName: 'Ruby',
    lastName: 'Sinclair',
    email: 'ruby.sinclair@example.com',
    address: A('27 Beacon St', 'Portland', 'ME', '04101'),
    tags: [],
    acceptsMarketing: false,
  },
  {
    key: 'henry',
    firstName: 'Henry',
    lastName: 'Novak',
    email: 'henry.novak@example.com',
    address: A('1519 Williamson St', 'Madison', 'WI', '53703'),
    tags: [],
    acceptsMarketing: false,
  },
  {
    key: 'amelia',
    firstName: 'Amelia',
    lastName: 'Scott',
    email: 'amelia.scott@example.com',
    phone: '+16155550139',
    address: A('1808 Eastland Ave', 'Nashville', 'TN', '37206'),
    tags: ['newsletter'],
    acceptsMarketing: true,
  },
  {
    key: 'samuel',
    firstName: 'Samuel',
    lastName: 'Osei',
    email: 'samuel.osei@example.com',
    address: A('3940 Main St', 'Kansas City', 'MO', '64111', 'Suite 210'),
    tags: [],
    acceptsMarketing: false,
  },
  {
    key: 'lily',
    firstName: 'Lily',
    lastName: 'Tanaka',
    email: 'lily.tanaka@example.com',
    address: A('2026 Kalakaua Ave', 'Honolulu', 'HI', '96815', 'Unit 1404'),
    tags: [],
    acceptsMarketing: false,
  },
  {
    key: 'benjamin',
    firstName: 'Benjamin',
    lastName: 'Ross',
    email: 'ben.ross@example.com',
    address: A('1160 Spruce St', 'Boulder', 'CO', '80302'),
    tags: [],
    acceptsMarketing: true,
  },
  {
    key: 'mia',
    firstName: 'Mia',
    lastName: 'Laurent',
    email: 'mia.laurent@example.com',
    address: A('2901 Fairview Ave E', 'Seattle', 'WA', '98102'),
    tags: [],
    acceptsMarketing: true,
  },
  {
    key: 'james',
    firstName: 'James',
    lastName: 'Whitfield',
    email: 'james.whitfield@example.com',
    address: A('77 Elm St', 'Asheville', 'NC', '28801'),
    tags: ['newsletter'],
    acceptsMarketing: true,
  },
  {
    key: 'nora',
    firstName: 'Nora',
    lastName: 'Fitzgerald',
    email: 'nora.fitzgerald@example.com',
    address: A('3115 Harrison Blvd', 'Ogden', 'UT', '84403'),
    tags: [],
    acceptsMarketing: false,
  },
  {
    key: 'caleb',
    firstName: 'Caleb',
    lastName: 'Young',
    email: 'caleb.young@example.com',
    phone: '+17135550154',
    address: A('4400 Montrose Blvd', 'Houston', 'TX', '77006'),
    tags: [],
    acceptsMarketing: false,
  },
  {
    key: 'evelyn',
    firstName: 'Evelyn',
    lastName: 'Park',
    email: 'evelyn.park@example.com',
    altEmail: 'evie.park@example.org',
    address: A('612 Agua Fria St', 'Santa Fe', 'NM', '87501'),
    tags: [],
    acceptsMarketing: true,
  },
];

export function customer(key: string): DemoCustomer {
  const c = DEMO_CUSTOMERS.find((x) => x.key === key);
  if (!c) throw new Error(`demo catalog has no customer ${key}`);
  return c;
}

// 13-digit ids like real Shopify customers; all ids in the demo stay below 2^53 because bodies
// are JS objects (the 18-digit case is covered by the lead's own bigint tests).
export function customerId(key: string): number {
  return 7208343912001 + DEMO_CUSTOMERS.findIndex((c) => c.key === key);
}
