import { positionBetween, type DealStage } from '../../shared/domain';
import { newID } from '../../shared/ids';
import { m, type SeedMutation } from './seed';

const COMPANIES = ['Sharma Textiles', 'Kolhapur Dairy Co-op', 'Mehta & Sons Hardware', 'Pune Precision Tools', 'Lakshmi Agro Exports', 'Bengaluru Bytes'];
const PEOPLE = ['Priya Sharma', 'Arjun Mehta', 'Kavya Iyer', 'Rohan Deshpande', 'Ananya Rao', 'Vikram Singh', 'Meera Nair', 'Siddharth Joshi'];
const DEALS: readonly [string, number, DealStage, number][] = [
  ['Looms for the Surat unit', 12_50_000, 'lead', 20], ['Cold-storage upgrade', 8_40_000, 'qualified', 40],
  ['Annual hardware contract', 3_75_000, 'proposal', 60], ['CNC spindle retrofit', 22_00_000, 'negotiation', 75],
  ['Export packaging line', 5_60_000, 'won', 100], ['Billing software seats', 1_20_000, 'lost', 0],
  ['Milk chilling tanks', 6_80_000, 'lead', 15], ['Warehouse racking', 2_95_000, 'proposal', 50],
];

/** A small, believable workspace for screenshots and demos. */
export function sampleWorkspace(ownerId: string): { mutations: SeedMutation[]; firstTaskTitle: string } {
  const out: SeedMutation[] = [];
  const companyIds = COMPANIES.map((name, i) => {
    const id = newID();
    out.push(m('createCompany', { id, name, industry: ['Textiles', 'Dairy', 'Retail', 'Manufacturing', 'Agriculture', 'Software'][i] ?? null }));
    return id;
  });
  const contactIds = PEOPLE.map((name, i) => {
    const id = newID();
    const companyId = companyIds[i % companyIds.length] ?? null;
    out.push(m('createContact', { id, name, email: `${name.split(' ')[0]!.toLowerCase()}@example.in`, phone: `+91 98${String(10000000 + i * 7919).slice(0, 8)}`, companyId, title: i % 2 ? 'Purchase head' : 'Owner' }));
    return id;
  });
  let position: string | null = null;
  const dealIds = DEALS.map(([title, rupees, stage, probability], i) => {
    const id = newID();
    out.push(m('createDeal', {
      id, title, valuePaise: rupees * 100, stage, probability, ownerId: ownerId, position: (position = positionBetween(position, null)),
      expectedClose: `2027-0${1 + (i % 6)}-1${i % 9}`, companyId: companyIds[i % companyIds.length] ?? null,
      lostReason: stage === 'lost' ? 'Chose a cheaper local vendor' : null,
    }));
    return id;
  });
  const tasks = ['Send the revised quote to Sharma Textiles', 'Site visit: Kolhapur cold storage', 'Collect GST certificate', 'Demo for Pune Precision'];
  tasks.forEach((title, i) => {
    out.push(m('createTask', {
      id: newID(), title, assigneeId: ownerId, priority: (['high', 'normal', 'urgent', 'low'] as const)[i] ?? 'normal',
      status: (['in_progress', 'todo', 'blocked', 'todo'] as const)[i] ?? 'todo', dueDate: `2026-12-0${4 + i}`,
      dealId: dealIds[i] ?? null, contactId: contactIds[i] ?? null,
    }));
  });
  return { mutations: out, firstTaskTitle: tasks[0]! };
}
