import type { DemoOrderState } from './types';

// The orders of the demo brand as stories: what was bought, when, and what happened next. Times
// are hours before `now` (h = 24 * 9 is nine days ago); negative means in the future (estimates).
// Order numbers are not written here: they are handed out by placement time, oldest first, the
// way Shopify numbers orders.

export type Carrier = 'UPS' | 'USPS' | 'FedEx';

export interface ScanSpec {
  status: string; // fulfillment event status, lowercase as Shopify sends it
  h: number;
  city: string;
  province: string; // two-letter code
  message?: string;
}

export interface ShipSpec {
  carrier: Carrier;
  h: number; // fulfillment created (label bought)
  etaH: number; // carrier's estimated delivery
  scans: ScanSpec[];
}

export interface OrderStory {
  key: string;
  customer: string;
  h: number;
  items: Array<[sku: string, quantity: number]>;
  useAltEmail?: boolean; // checkout used the customer's second address
  tags?: string[];
  note?: string;
  manualCapture?: boolean; // payment only authorized at checkout
  hold?: { h: number; tag: string; note: string }; // merchant holds fulfillment (orders/updated)
  ship?: ShipSpec;
  cancel?: { h: number; reason: 'customer' | 'inventory' | 'fraud' | 'declined' | 'other'; refund: boolean };
  refunds?: Array<{ h: number; full?: boolean; items?: Array<[sku: string, quantity: number]>; note: string }>;
  ret?: {
    items: Array<[sku: string, quantity: number]>;
    reason: string;
    customerNote: string;
    requestH: number;
    approveH?: number;
    closeH?: number;
  };
  expect: DemoOrderState[]; // checked against what the events show (tests/demo)
}

const D = 24;

export const ORDER_STORIES: OrderStory[] = [
  {
    // Delivered 40 days ago: outside the 30-day return window (ticket: return outside window).
    key: 'mia_boots',
    customer: 'mia',
    h: 45 * D + 5,
    items: [['NB-BOOT-TRL-9', 1]],
    ship: {
      carrier: 'UPS',
      h: 44 * D + 2,
      etaH: 40 * D + 4,
      scans: [
        { status: 'label_printed', h: 44 * D + 2, city: 'Flagstaff', province: 'AZ' },
        { status: 'in_transit', h: 43 * D + 9, city: 'Flagstaff', province: 'AZ', message: 'Departed from facility' },
        { status: 'in_transit', h: 42 * D + 3, city: 'Salt Lake City', province: 'UT', message: 'Arrived at facility' },
        { status: 'in_transit', h: 41 * D + 1, city: 'Kent', province: 'WA', message: 'Arrived at facility' },
        { status: 'out_for_delivery', h: 40 * D + 7, city: 'Seattle', province: 'WA' },
        { status: 'delivered', h: 40 * D + 1, city: 'Seattle', province: 'WA', message: 'Delivered, front porch' },
      ],
    },
    expect: ['delivered'],
  },
  {
    // Placed with Priya's studio address: that second email is how her later ticket gets matched.
    key: 'priya_studio',
    customer: 'priya',
    useAltEmail: true,
    h: 35 * D + 3,
    items: [
      ['NB-FLC-CAM-S', 1],
      ['NB-SOCK-MW3', 1],
    ],
    ship: {
      carrier: 'USPS',
      h: 34 * D + 6,
      etaH: 31 * D,
      scans: [
        { status: 'label_printed', h: 34 * D + 6, city: 'Flagstaff', province: 'AZ' },
        { status: 'in_transit', h: 33 * D + 20, city: 'Phoenix', province: 'AZ', message: 'Departed USPS Regional Facility' },
        { status: 'in_transit', h: 32 * D + 4, city: 'Springfield', province: 'MA', message: 'Arrived at USPS Regional Facility' },
        { status: 'out_for_delivery', h: 31 * D + 9, city: 'Boston', province: 'MA' },
        { status: 'delivered', h: 31 * D + 3, city: 'Boston', province: 'MA', message: 'Delivered, in/at mailbox' },
      ],
    },
    expect: ['delivered'],
  },
  {
    // Return requested in the portal, approved, received and refunded for one of two items.
    key: 'jack_fleece',
    customer: 'jack',
    h: 33 * D + 2,
    items: [
      ['NB-FLC-CAM-L', 1],
      ['NB-BTL-1L', 1],
    ],
    ship: {
      carrier: 'UPS',
      h: 32 * D + 8,
      etaH: 29 * D,
      scans: [
        { status: 'label_printed', h: 32 * D + 8, city: 'Flagstaff', province: 'AZ' },
        { status: 'in_transit', h: 31 * D + 22, city: 'Salt Lake City', province: 'UT', message: 'Arrived at facility' },
        { status: 'in_transit', h: 30 * D + 6, city: 'Spokane', province: 'WA', message: 'Arrived at facility' },
        { status: 'out_for_delivery', h: 29 * D + 9, city: 'Spokane', province: 'WA' },
        { status: 'delivered', h: 29 * D + 2, city: 'Spokane', province: 'WA', message: 'Delivered, front door' },
      ],
    },
    ret: {
      items: [['NB-FLC-CAM-L', 1]],
      reason: 'size_too_large',
      customerNote: 'Runs big, swimming in the L',
      requestH: 27 * D + 5,
      approveH: 26 * D + 22,
      closeH: 18 * D,
    },
    refunds: [{ h: 18 * D + 0.2, items: [['NB-FLC-CAM-L', 1]], note: 'Return received: Cascade Fleece (L)' }],
    expect: ['delivered', 'returned', 'refunded_partial'],
  },
  {
    // Refunded in full without a return (both bottles dented). Grace's first refund.
    key: 'grace_bottles',
    customer: 'grace',
    h: 30 * D + 1,
    items: [['NB-BTL-1L', 2]],
    ship: {
      carrier: 'USPS',
      h: 29 * D + 4,
      etaH: 26 * D,
      scans: [
        { status: 'label_printed', h: 29 * D + 4, city: 'Flagstaff', province: 'AZ' },
        { status: 'in_transit', h: 28 * D + 10, city: 'Phoenix', province: 'AZ', message: 'Departed USPS Regional Facility' },
        { status: 'in_transit', h: 27 * D + 2, city: 'Greensboro', province: 'NC', message: 'Arrived at USPS Regional Facility' },
        { status: 'out_for_delivery', h: 26 * D + 8, city: 'Raleigh', province: 'NC' },
        { status: 'delivered', h: 26 * D + 2, city: 'Raleigh', province: 'NC', message: 'Delivered, front door/porch' },
      ],
    },
    refunds: [{ h: 24 * D, full: true, note: 'Both bottles arrived dented; refunded in full, no return needed' }],
    expect: ['delivered', 'refunded_full'],
  },
  {
    key: 'margaret_bag',
    customer: 'margaret',
    h: 28 * D + 6,
    items: [
      ['NB-BAG-20F', 1],
      ['NB-POLE-CBN', 1],
      ['NB-SOCK-MW3', 1],
    ],
    ship: {
      carrier: 'UPS',
      h: 27 * D + 22,
      etaH: 25 * D,
      scans: [
        { status: 'label_printed', h: 27 * D + 22, city: 'Flagstaff', province: 'AZ' },
        { status: 'in_transit', h: 27 * D + 6, city: 'Flagstaff', province: 'AZ', message: 'Departed from facility' },
        { status: 'in_transit', h: 26 * D + 4, city: 'Kent', province: 'WA', message: 'Arrived at facility' },
        { status: 'out_for_delivery', h: 25 * D + 9, city: 'Seattle', province: 'WA' },
        { status: 'delivered', h: 25 * D + 3, city: 'Seattle', province: 'WA', message: 'Delivered, front door' },
      ],
    },
    expect: ['delivered'],
  },
  {
    // Return approved (label sent); the customer asks where the refund is.
    key: 'lucas_shell',
    customer: 'lucas',
    h: 22 * D + 4,
    items: [['NB-JKT-ALP-M', 1]],
    ship: {
      carrier: 'UPS',
      h: 21 * D + 11,
      etaH: 18 * D,
      scans: [
        { status: 'label_printed', h: 21 * D + 11, city: 'Flagstaff', province: 'AZ' },
        { status: 'in_transit', h: 20 * D + 20, city: 'Albuquerque', province: 'NM', message: 'Arrived at facility' },
        { status: 'in_transit', h: 19 * D + 6, city: 'Hartford', province: 'CT', message: 'Arrived at facility' },
        { status: 'out_for_delivery', h: 18 * D + 8, city: 'Burlington', province: 'VT' },
        { status: 'delivered', h: 18 * D + 1, city: 'Burlington', province: 'VT', message: 'Delivered, front door' },
      ],
    },
    ret: {
      items: [['NB-JKT-ALP-M', 1]],
      reason: 'style',
      customerNote: 'Colour looks different in person',
      requestH: 7 * D + 0.5,
      approveH: 6 * D + 0.2,
    },
    expect: ['delivered', 'returned'],
  },
  {
    key: 'james_bag',
    customer: 'james',
    h: 20 * D + 7,
    items: [['NB-BAG-20F', 1]],
    ship: {
      carrier: 'UPS',
      h: 19 * D + 14,
      etaH: 15 * D,
      scans: [
        { status: 'label_printed', h: 19 * D + 14, city: 'Flagstaff', province: 'AZ' },
        { status: 'in_transit', h: 18 * D + 20, city: 'Oklahoma City', province: 'OK', message: 'Arrived at facility' },
        { status: 'in_transit', h: 16 * D + 22, city: 'Charlotte', province: 'NC', message: 'Arrived at facility' },
        { status: 'out_for_delivery', h: 15 * D + 7, city: 'Asheville', province: 'NC' },
        { status: 'delivered', h: 15 * D, city: 'Asheville', province: 'NC', message: 'Delivered, front porch' },
      ],
    },
    expect: ['delivered'],
  },
  {
    // A final-sale SKU (FS- prefix) without the final-sale order tag.
    key: 'evelyn_beanie',
    customer: 'evelyn',
    useAltEmail: true,
    h: 20 * D - 3,
    items: [
      ['NB-HAT-SUN', 1],
      ['FS-NB-BEANIE', 1],
      ['NB-MUG-TI', 1],
    ],
    ship: {
      carrier: 'USPS',
      h: 19 * D + 1,
      etaH: 16 * D,
      scans: [
        { status: 'label_printed', h: 19 * D + 1, city: 'Flagstaff', province: 'AZ' },
        { status: 'in_transit', h: 18 * D + 5, city: 'Albuquerque', province: 'NM', message: 'Arrived at USPS Regional Facility' },
        { status: 'out_for_delivery', h: 16 * D + 8, city: 'Santa Fe', province: 'NM' },
        { status: 'delivered', h: 16 * D + 1, city: 'Santa Fe', province: 'NM', message: 'Delivered, in/at mailbox' },
      ],
    },
    expect: ['delivered', 'final_sale'],
  },
  {
    // Return requested two days ago, not yet approved.
    key: 'isabella_fleece',
    customer: 'isabella',
    h: 17 * D + 5,
    items: [
      ['NB-FLC-CAM-M', 1],
      ['NB-HAT-SUN', 1],
    ],
    ship: {
      carrier: 'USPS',
      h: 16 * D + 12,
      etaH: 12 * D,
      scans: [
        { status: 'label_printed', h: 16 * D + 12, city: 'Flagstaff', province: 'AZ' },
        { status: 'in_transit', h: 15 * D + 20, city: 'Phoenix', province: 'AZ', message: 'Departed USPS Regional Facility' },
        { status: 'in_transit', h: 13 * D + 9, city: 'Philadelphia', province: 'PA', message: 'Arrived at USPS Regional Facility' },
        { status: 'out_for_delivery', h: 12 * D + 8, city: 'Philadelphia', province: 'PA' },
        { status: 'delivered', h: 12 * D + 2, city: 'Philadelphia', province: 'PA', message: 'Delivered, parcel locker' },
      ],
    },
    ret: { items: [['NB-FLC-CAM-M', 1]], reason: 'size_too_small', customerNote: 'Tight in the shoulders', requestH: 2 * D - 1 },
    expect: ['delivered', 'returned'],
  },
  {
    // Grace's second refund (one pack of socks missing): with a new refund request she is a repeat refunder.
    key: 'grace_lamp',
    customer: 'grace',
    h: 16 * D + 2,
    items: [
      ['NB-SOCK-MW3', 2],
      ['NB-LAMP-HDL', 1],
    ],
    ship: {
      carrier: 'UPS',
      h: 15 * D + 9,
      etaH: 12 * D,
      scans: [
        { status: 'label_printed', h: 15 * D + 9, city: 'Flagstaff', province: 'AZ' },
        { status: 'in_transit', h: 14 * D + 18, city: 'Oklahoma City', province: 'OK', message: 'Arrived at facility' },
        { status: 'in_transit', h: 13 * D + 2, city: 'Durham', province: 'NC', message: 'Arrived at facility' },
        { status: 'out_for_delivery', h: 12 * D + 9, city: 'Raleigh', province: 'NC' },
        { status: 'delivered', h: 12 * D + 3, city: 'Raleigh', province: 'NC', message: 'Delivered, front door' },
      ],
    },
    refunds: [{ h: 9 * D, items: [['NB-SOCK-MW3', 1]], note: 'One 3-pack of socks missing from the parcel' }],
    expect: ['delivered', 'refunded_partial'],
  },
  {
    // Carrier exception: two failed attempts, then returning to sender.
    key: 'samuel_poles',
    customer: 'samuel',
    h: 16 * D - 4,
    items: [
      ['NB-POLE-CBN', 1],
      ['NB-LAMP-HDL', 1],
    ],
    ship: {
      carrier: 'UPS',
      h: 15 * D + 2,
      etaH: 11 * D,
      scans: [
        { status: 'label_printed', h: 15 * D + 2, city: 'Flagstaff', province: 'AZ' },
        { status: 'in_transit', h: 14 * D + 20, city: 'Flagstaff', province: 'AZ', message: 'Departed from facility' },
        { status: 'in_transit', h: 13 * D + 6, city: 'Oklahoma City', province: 'OK', message: 'Arrived at facility' },
        { status: 'out_for_delivery', h: 11 * D + 9, city: 'Kansas City', province: 'MO' },
        {
          status: 'attempted_delivery',
          h: 11 * D + 3,
          city: 'Kansas City',
          province: 'MO',
          message: 'The receiver was not available for delivery. A second attempt will be made.',
        },
        {
          status: 'attempted_delivery',
          h: 10 * D + 3,
          city: 'Kansas City',
          province: 'MO',
          message: 'Business closed. A final attempt will be made.',
        },
        {
          status: 'failure',
          h: 6 * D - 2,
          city: 'Kansas City',
          province: 'MO',
          message: 'Undeliverable as addressed. Returning to sender.',
        },
      ],
    },
    expect: ['exception'],
  },
  {
    // Manual capture, cancelled for stock: authorization voided, nothing to refund.
    key: 'ruby_tent',
    customer: 'ruby',
    h: 15 * D + 3,
    items: [['NB-TENT-2P', 1]],
    manualCapture: true,
    cancel: { h: 14 * D, reason: 'inventory', refund: false },
    expect: ['cancelled'],
  },
  {
    // Delivered 10 days ago: inside the return window.
    key: 'chloe_pack',
    customer: 'chloe',
    h: 15 * D + 1,
    items: [['NB-PACK-28L', 1]],
    ship: {
      carrier: 'UPS',
      h: 14 * D + 6,
      etaH: 10 * D,
      scans: [
        { status: 'label_printed', h: 14 * D + 6, city: 'Flagstaff', province: 'AZ' },
        { status: 'in_transit', h: 13 * D + 14, city: 'Denver', province: 'CO', message: 'Arrived at facility' },
        { status: 'in_transit', h: 11 * D + 20, city: 'Minneapolis', province: 'MN', message: 'Arrived at facility' },
        { status: 'out_for_delivery', h: 10 * D + 7, city: 'Minneapolis', province: 'MN' },
        { status: 'delivered', h: 10 * D, city: 'Minneapolis', province: 'MN', message: 'Delivered, front door' },
      ],
    },
    expect: ['delivered'],
  },
  {
    // Delayed: no carrier scan for 8.5 days and 8 days past the estimate.
    key: 'sofia_jacket',
    customer: 'sofia',
    h: 14 * D + 2,
    items: [
      ['NB-JKT-ALP-S', 1],
      ['NB-BOOT-TRL-9', 1],
    ],
    ship: {
      carrier: 'UPS',
      h: 13 * D + 8,
      etaH: 8 * D,
      scans: [
        { status: 'label_printed', h: 13 * D + 8, city: 'Flagstaff', province: 'AZ' },
        { status: 'in_transit', h: 13 * D, city: 'Flagstaff', province: 'AZ', message: 'Departed from facility' },
        { status: 'in_transit', h: 12 * D + 2, city: 'Phoenix', province: 'AZ', message: 'Arrived at facility' },
        { status: 'in_transit', h: 8 * D + 12, city: 'El Paso', province: 'TX', message: 'Arrived at facility' },
      ],
    },
    expect: ['delayed'],
  },
  {
    key: 'ethan_boots',
    customer: 'ethan',
    h: 13 * D + 3,
    items: [['NB-BOOT-TRL-10', 1]],
    ship: {
      carrier: 'UPS',
      h: 12 * D + 12,
      etaH: 8 * D,
      scans: [
        { status: 'label_printed', h: 12 * D + 12, city: 'Flagstaff', province: 'AZ' },
        { status: 'in_transit', h: 11 * D + 18, city: 'Salt Lake City', province: 'UT', message: 'Arrived at facility' },
        { status: 'in_transit', h: 9 * D + 4, city: 'Boise', province: 'ID', message: 'Arrived at facility' },
        { status: 'out_for_delivery', h: 8 * D + 6, city: 'Boise', province: 'ID' },
        { status: 'delivered', h: 8 * D, city: 'Boise', province: 'ID', message: 'Delivered, front porch' },
      ],
    },
    expect: ['delivered'],
  },
  {
    // The VIP's open issue: stuck in Denver for 7.6 days, 7.9 days past the estimate.
    key: 'margaret_jacket',
    customer: 'margaret',
    h: 12 * D + 4,
    items: [
      ['NB-JKT-ALP-S', 1],
      ['NB-FLC-CAM-S', 1],
    ],
    ship: {
      carrier: 'USPS',
      h: 11 * D + 16,
      etaH: 8 * D - 2,
      scans: [
        { status: 'label_printed', h: 11 * D + 16, city: 'Flagstaff', province: 'AZ' },
        { status: 'in_transit', h: 10 * D + 22, city: 'Phoenix', province: 'AZ', message: 'Departed USPS Regional Facility' },
        { status: 'in_transit', h: 9 * D + 20, city: 'Albuquerque', province: 'NM', message: 'Arrived at USPS Regional Facility' },
        { status: 'in_transit', h: 7 * D + 14, city: 'Denver', province: 'CO', message: 'Arrived at USPS Regional Facility' },
      ],
    },
    expect: ['delayed'],
  },
  {
    // Delayed by the carrier (weather) and 5 days past the estimate; the spouse writes from an unknown address.
    key: 'daniel_pack',
    customer: 'daniel',
    h: 11 * D + 2,
    items: [
      ['NB-PACK-28L', 1],
      ['NB-POLE-CBN', 1],
    ],
    ship: {
      carrier: 'FedEx',
      h: 10 * D + 14,
      etaH: 5 * D,
      scans: [
        { status: 'label_printed', h: 10 * D + 14, city: 'Flagstaff', province: 'AZ' },
        { status: 'carrier_picked_up', h: 10 * D + 6, city: 'Flagstaff', province: 'AZ', message: 'Picked up' },
        { status: 'in_transit', h: 8 * D + 8, city: 'Memphis', province: 'TN', message: 'Arrived at FedEx hub' },
        { status: 'delayed', h: 4 * D, city: 'Memphis', province: 'TN', message: 'Delay: severe weather conditions in the area' },
      ],
    },
    expect: ['delayed'],
  },
  {
    // Final sale twice over: an FS- SKU and the final-sale order tag.
    key: 'zoe_vest',
    customer: 'zoe',
    h: 11 * D - 2,
    items: [
      ['FS-NB-VEST-PUF-M', 1],
      ['NB-HAT-SUN', 1],
    ],
    tags: ['final-sale'],
    ship: {
      carrier: 'USPS',
      h: 10 * D + 2,
      etaH: 6 * D,
      scans: [
        { status: 'label_printed', h: 10 * D + 2, city: 'Flagstaff', province: 'AZ' },
        { status: 'in_transit', h: 9 * D + 8, city: 'Phoenix', province: 'AZ', message: 'Departed USPS Regional Facility' },
        { status: 'in_transit', h: 7 * D + 6, city: 'Chicago', province: 'IL', message: 'Arrived at USPS Regional Facility' },
        { status: 'out_for_delivery', h: 6 * D + 8, city: 'Chicago', province: 'IL' },
        { status: 'delivered', h: 6 * D + 2, city: 'Chicago', province: 'IL', message: 'Delivered, front desk/reception' },
      ],
    },
    expect: ['delivered', 'final_sale'],
  },
  {
    // Carrier exception: bad address, customer contact required.
    key: 'henry_stove',
    customer: 'henry',
    h: 9 * D + 5,
    items: [
      ['NB-STOVE-PKT', 1],
      ['NB-MUG-TI', 2],
    ],
    ship: {
      carrier: 'FedEx',
      h: 8 * D + 14,
      etaH: 3 * D,
      scans: [
        { status: 'label_printed', h: 8 * D + 14, city: 'Flagstaff', province: 'AZ' },
        { status: 'carrier_picked_up', h: 8 * D + 6, city: 'Flagstaff', province: 'AZ', message: 'Picked up' },
        { status: 'in_transit', h: 6 * D + 10, city: 'Memphis', province: 'TN', message: 'Departed FedEx hub' },
        { status: 'in_transit', h: 4 * D + 20, city: 'Chicago', province: 'IL', message: 'Arrived at FedEx location' },
        {
          status: 'failure',
          h: 2 * D - 2,
          city: 'Madison',
          province: 'WI',
          message: 'Delivery exception: incorrect address. Customer contact required.',
        },
      ],
    },
    expect: ['exception'],
  },
  {
    key: 'priya_mugs',
    customer: 'priya',
    h: 9 * D - 1,
    items: [
      ['NB-MUG-TI', 2],
      ['NB-BTL-1L', 1],
    ],
    ship: {
      carrier: 'USPS',
      h: 8 * D + 8,
      etaH: 5 * D,
      scans: [
        { status: 'label_printed', h: 8 * D + 8, city: 'Flagstaff', province: 'AZ' },
        { status: 'in_transit', h: 7 * D + 12, city: 'Phoenix', province: 'AZ', message: 'Departed USPS Regional Facility' },
        { status: 'in_transit', h: 6 * D + 2, city: 'Springfield', province: 'MA', message: 'Arrived at USPS Regional Facility' },
        { status: 'out_for_delivery', h: 5 * D + 8, city: 'Boston', province: 'MA' },
        { status: 'delivered', h: 5 * D + 1, city: 'Boston', province: 'MA', message: 'Delivered, in/at mailbox' },
      ],
    },
    expect: ['delivered'],
  },
  {
    // The carrier says delivered; the customer says it never came.
    key: 'marcus_jacket',
    customer: 'marcus',
    h: 8 * D + 2,
    items: [['NB-JKT-ALP-L', 1]],
    ship: {
      carrier: 'UPS',
      h: 7 * D + 12,
      etaH: 3 * D,
      scans: [
        { status: 'label_printed', h: 7 * D + 12, city: 'Flagstaff', province: 'AZ' },
        { status: 'in_transit', h: 6 * D + 18, city: 'Ontario', province: 'CA', message: 'Arrived at facility' },
        { status: 'in_transit', h: 4 * D + 6, city: 'Oakland', province: 'CA', message: 'Arrived at facility' },
        { status: 'out_for_delivery', h: 3 * D + 4, city: 'Berkeley', province: 'CA' },
        { status: 'delivered', h: 3 * D + 0.5, city: 'Berkeley', province: 'CA', message: 'Delivered, left at front door' },
      ],
    },
    expect: ['delivered'],
  },
  {
    // Delivered two days ago with a snapped pole (ticket with a photo).
    key: 'ava_poles',
    customer: 'ava',
    h: 7 * D + 1,
    items: [
      ['NB-POLE-CBN', 1],
      ['NB-LAMP-HDL', 1],
    ],
    ship: {
      carrier: 'UPS',
      h: 6 * D + 12,
      etaH: 2 * D,
      scans: [
        { status: 'label_printed', h: 6 * D + 12, city: 'Flagstaff', province: 'AZ' },
        { status: 'in_transit', h: 5 * D + 20, city: 'Albuquerque', province: 'NM', message: 'Arrived at facility' },
        { status: 'in_transit', h: 3 * D + 6, city: 'Commerce City', province: 'CO', message: 'Arrived at facility' },
        { status: 'out_for_delivery', h: 2 * D + 6, city: 'Denver', province: 'CO' },
        { status: 'delivered', h: 2 * D, city: 'Denver', province: 'CO', message: 'Delivered, front door' },
      ],
    },
    expect: ['delivered'],
  },
  {
    // Cancelled by the customer an hour after ordering, refunded in full.
    key: 'mateo_pack',
    customer: 'mateo',
    h: 6 * D + 3,
    items: [
      ['NB-PACK-28L', 1],
      ['NB-SOCK-MW3', 1],
    ],
    cancel: { h: 6 * D + 2, reason: 'customer', refund: true },
    expect: ['cancelled', 'refunded_full'],
  },
  {
    // Carrier exception: delivery attempted yesterday, nobody signed.
    key: 'amelia_fleece',
    customer: 'amelia',
    h: 6 * D - 2,
    items: [
      ['NB-FLC-CAM-M', 1],
      ['NB-BTL-1L', 1],
    ],
    ship: {
      carrier: 'USPS',
      h: 5 * D + 10,
      etaH: 1 * D,
      scans: [
        { status: 'label_printed', h: 5 * D + 10, city: 'Flagstaff', province: 'AZ' },
        { status: 'in_transit', h: 4 * D + 14, city: 'Phoenix', province: 'AZ', message: 'Departed USPS Regional Facility' },
        { status: 'in_transit', h: 2 * D + 22, city: 'Memphis', province: 'TN', message: 'Arrived at USPS Regional Facility' },
        { status: 'out_for_delivery', h: 1 * D + 3, city: 'Nashville', province: 'TN' },
        {
          status: 'attempted_delivery',
          h: 23,
          city: 'Nashville',
          province: 'TN',
          message: 'Notice left (no authorized recipient available)',
        },
      ],
    },
    expect: ['exception'],
  },
  {
    // High value (≥ 500), shipped yesterday; the customer wants to cancel anyway.
    key: 'oliver_tent',
    customer: 'oliver',
    h: 60,
    items: [
      ['NB-TENT-2P', 1],
      ['NB-BAG-20F', 1],
    ],
    ship: {
      carrier: 'FedEx',
      h: 20,
      etaH: -30,
      scans: [
        { status: 'label_printed', h: 19.8, city: 'Flagstaff', province: 'AZ' },
        { status: 'carrier_picked_up', h: 14, city: 'Flagstaff', province: 'AZ', message: 'Picked up' },
        { status: 'in_transit', h: 5.5, city: 'Phoenix', province: 'AZ', message: 'Departed FedEx location' },
      ],
    },
    expect: ['in_transit', 'high_value'],
  },
  {
    // Healthy: scanned yesterday, arriving tomorrow.
    key: 'liam_jacket',
    customer: 'liam',
    h: 98,
    items: [
      ['NB-JKT-ALP-M', 1],
      ['NB-SOCK-MW3', 1],
    ],
    ship: {
      carrier: 'UPS',
      h: 82,
      etaH: -30,
      scans: [
        { status: 'label_printed', h: 82, city: 'Flagstaff', province: 'AZ' },
        {
          status: 'confirmed',
          h: 79,
          city: 'Flagstaff',
          province: 'AZ',
          message: 'Shipper created a label, UPS has not received the package yet',
        },
        { status: 'in_transit', h: 70, city: 'Flagstaff', province: 'AZ', message: 'Departed from facility' },
        { status: 'in_transit', h: 46, city: 'Ontario', province: 'CA', message: 'Arrived at facility' },
        { status: 'in_transit', h: 21, city: 'Fresno', province: 'CA', message: 'Departed from facility' },
      ],
    },
    expect: ['in_transit'],
  },
  {
    key: 'nora_hat',
    customer: 'nora',
    h: 75,
    items: [
      ['NB-HAT-SUN', 1],
      ['NB-MUG-TI', 1],
      ['NB-BTL-1L', 1],
    ],
    ship: {
      carrier: 'USPS',
      h: 60,
      etaH: -5,
      scans: [
        { status: 'label_printed', h: 60, city: 'Flagstaff', province: 'AZ' },
        { status: 'in_transit', h: 42, city: 'Phoenix', province: 'AZ', message: 'Departed USPS Regional Facility' },
        { status: 'in_transit', h: 18, city: 'Salt Lake City', province: 'UT', message: 'Arrived at USPS Regional Facility' },
        { status: 'out_for_delivery', h: 3, city: 'Ogden', province: 'UT' },
      ],
    },
    expect: ['in_transit'],
  },
  {
    // Unfulfilled for two days: an address change now is outside the 12-hour cutoff.
    key: 'ben_pack',
    customer: 'benjamin',
    h: 50,
    items: [['NB-PACK-28L', 1]],
    expect: ['unfulfilled'],
  },
  {
    // The VIP's high-value order, healthy.
    key: 'margaret_tent',
    customer: 'margaret',
    h: 47,
    items: [
      ['NB-TENT-2P', 1],
      ['NB-LAMP-HDL', 1],
      ['NB-STOVE-PKT', 1],
      ['NB-MUG-TI', 1],
    ],
    ship: {
      carrier: 'UPS',
      h: 26,
      etaH: -40,
      scans: [
        { status: 'label_printed', h: 25.8, city: 'Flagstaff', province: 'AZ' },
        {
          status: 'confirmed',
          h: 20,
          city: 'Flagstaff',
          province: 'AZ',
          message: 'Shipper created a label, UPS has not received the package yet',
        },
        { status: 'in_transit', h: 9, city: 'Flagstaff', province: 'AZ', message: 'Departed from facility' },
      ],
    },
    expect: ['in_transit', 'high_value'],
  },
  {
    key: 'caleb_boots',
    customer: 'caleb',
    h: 30.5,
    items: [['NB-BOOT-TRL-11', 1]],
    ship: {
      carrier: 'USPS',
      h: 18,
      etaH: -60,
      scans: [
        { status: 'label_printed', h: 17.8, city: 'Flagstaff', province: 'AZ' },
        { status: 'confirmed', h: 10, city: 'Flagstaff', province: 'AZ', message: 'USPS in possession of item' },
      ],
    },
    expect: ['in_transit'],
  },
  {
    // Held by the merchant: the address failed verification.
    key: 'lily_bag',
    customer: 'lily',
    h: 29.5,
    items: [
      ['NB-BAG-20F', 1],
      ['NB-LAMP-HDL', 1],
    ],
    hold: {
      h: 28,
      tag: 'on-hold',
      note: 'Fulfillment on hold: shipping address failed verification (unit number missing). Waiting for the customer.',
    },
    expect: ['on_hold'],
  },
  {
    // Unfulfilled, 5 hours old: safe to cancel.
    key: 'noah_fleece',
    customer: 'noah',
    h: 5.2,
    items: [
      ['NB-FLC-CAM-M', 1],
      ['NB-SOCK-MW3', 1],
    ],
    expect: ['unfulfilled'],
  },
  {
    // Unfulfilled, 3 hours old: an address change is inside the 12-hour cutoff.
    key: 'emma_shell',
    customer: 'emma',
    h: 3.1,
    items: [
      ['NB-JKT-ALP-L', 1],
      ['NB-HAT-SUN', 1],
    ],
    expect: ['unfulfilled'],
  },
];

/** Order numbers by placement time, oldest first, starting at #1001 like a new Shopify store. */
export const ORDER_NUMBERS: Record<string, number> = Object.fromEntries(
  [...ORDER_STORIES].sort((a, b) => b.h - a.h).map((s, i) => [s.key, 1001 + i]),
);
