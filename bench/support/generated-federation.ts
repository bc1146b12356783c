/** The cities and services of a generated store: real places and common 311 services, with made-up speeds. */
export interface GeneratedEndpoint {
  id: string;
  name: string;
  timezone: string;
  bbox: [number, number, number, number];
  dialect: 'generic' | 'chicago' | 'connectedbits' | 'citysdk' | 'fixmystreet' | 'markaspot';
  /** Share of all requests. */
  weight: number;
  /** How much slower than the service norm this city closes (multiplies the median). */
  pace: number;
  /** Share of its requests that carry an expected_datetime. */
  expectedShare: number;
  districts: number;
}

export interface GeneratedService {
  code: string;
  name: string;
  category: string;
  medianDays: number;
  sigma: number;
  neverCloseShare: number;
  weight: number;
  targetDays: number;
}

export const generatedEndpoints: GeneratedEndpoint[] = [
  { id: 'chicago', name: 'Chicago, IL', timezone: 'America/Chicago', bbox: [-87.94, 41.64, -87.52, 42.02], dialect: 'chicago', weight: 30, pace: 1.2, expectedShare: 0, districts: 50 },
  { id: 'boston', name: 'Boston, MA', timezone: 'America/New_York', bbox: [-71.19, 42.23, -70.99, 42.4], dialect: 'generic', weight: 15, pace: 0.7, expectedShare: 0.6, districts: 22 },
  { id: 'san-francisco', name: 'San Francisco, CA', timezone: 'America/Los_Angeles', bbox: [-122.52, 37.7, -122.35, 37.83], dialect: 'generic', weight: 15, pace: 0.9, expectedShare: 0.3, districts: 11 },
  { id: 'washington-dc', name: 'Washington, DC', timezone: 'America/New_York', bbox: [-77.12, 38.79, -76.91, 39.0], dialect: 'generic', weight: 10, pace: 1, expectedShare: 0.9, districts: 8 },
  { id: 'helsinki', name: 'Helsinki', timezone: 'Europe/Helsinki', bbox: [24.8, 60.13, 25.25, 60.3], dialect: 'citysdk', weight: 7, pace: 1.5, expectedShare: 0, districts: 23 },
  { id: 'koeln', name: 'Köln', timezone: 'Europe/Berlin', bbox: [6.77, 50.83, 7.16, 51.08], dialect: 'markaspot', weight: 7, pace: 2, expectedShare: 0, districts: 9 },
  { id: 'merton', name: 'London Borough of Merton', timezone: 'Europe/London', bbox: [-0.25, 51.37, -0.13, 51.43], dialect: 'fixmystreet', weight: 5, pace: 1.3, expectedShare: 0, districts: 20 },
  { id: 'new-haven', name: 'New Haven, CT', timezone: 'America/New_York', bbox: [-72.99, 41.25, -72.86, 41.35], dialect: 'connectedbits', weight: 4, pace: 0.8, expectedShare: 0, districts: 30 },
  { id: 'bloomington', name: 'Bloomington, IN', timezone: 'America/Indiana/Indianapolis', bbox: [-86.6, 39.1, -86.45, 39.22], dialect: 'generic', weight: 4, pace: 0.6, expectedShare: 0.2, districts: 6 },
  { id: 'giessen', name: 'Gießen', timezone: 'Europe/Berlin', bbox: [8.6, 50.53, 8.75, 50.62], dialect: 'markaspot', weight: 3, pace: 2.5, expectedShare: 0, districts: 12 },
];

export const generatedServices: GeneratedService[] = [
  { code: 'POT', name: 'Pothole in Street', category: 'pothole', medianDays: 6, sigma: 1.1, neverCloseShare: 0.05, weight: 14, targetDays: 5 },
  { code: 'SLO', name: 'Street Light Out', category: 'streetlight', medianDays: 9, sigma: 1, neverCloseShare: 0.04, weight: 10, targetDays: 10 },
  { code: 'GRF', name: 'Graffiti Removal', category: 'graffiti', medianDays: 3, sigma: 1.2, neverCloseShare: 0.03, weight: 9, targetDays: 7 },
  { code: 'DMP', name: 'Illegal Dumping', category: 'illegal_dumping', medianDays: 4, sigma: 1, neverCloseShare: 0.04, weight: 8, targetDays: 5 },
  { code: 'MSC', name: 'Missed Garbage Collection', category: 'missed_collection', medianDays: 1.5, sigma: 0.8, neverCloseShare: 0.02, weight: 9, targetDays: 2 },
  { code: 'ABV', name: 'Abandoned Vehicle', category: 'abandoned_vehicle', medianDays: 12, sigma: 1, neverCloseShare: 0.08, weight: 6, targetDays: 7 },
  { code: 'RAT', name: 'Rodent Baiting', category: 'rodent', medianDays: 7, sigma: 0.9, neverCloseShare: 0.03, weight: 5, targetDays: 7 },
  { code: 'TRE', name: 'Tree Trim', category: 'tree', medianDays: 45, sigma: 1.3, neverCloseShare: 0.12, weight: 5, targetDays: 30 },
  { code: 'SWK', name: 'Sidewalk Repair', category: 'sidewalk', medianDays: 60, sigma: 1.2, neverCloseShare: 0.15, weight: 4, targetDays: 30 },
  { code: 'SIG', name: 'Traffic Signal Out', category: 'traffic_signal', medianDays: 0.5, sigma: 1, neverCloseShare: 0.01, weight: 3, targetDays: 2 },
  { code: 'NOI', name: 'Noise Complaint', category: 'noise', medianDays: 2, sigma: 1.4, neverCloseShare: 0.06, weight: 6, targetDays: 3 },
  { code: 'PRK', name: 'Parking Violation', category: 'parking', medianDays: 0.3, sigma: 1.2, neverCloseShare: 0.02, weight: 7, targetDays: 3 },
  { code: 'SNW', name: 'Snow Removal', category: 'snow_ice', medianDays: 1, sigma: 0.9, neverCloseShare: 0.03, weight: 3, targetDays: 2 },
  { code: 'WAT', name: 'Water Main Leak', category: 'water_sewer', medianDays: 3, sigma: 1.1, neverCloseShare: 0.04, weight: 4, targetDays: 5 },
  { code: 'OTH', name: 'General Request', category: 'other', medianDays: 10, sigma: 1.5, neverCloseShare: 0.1, weight: 7, targetDays: 14 },
];
