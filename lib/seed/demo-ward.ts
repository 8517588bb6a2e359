// The demo ward: realistic multi-day timelines placed relative to `now`, so that on any day a
// newcomer sees running clocks, overdue escalations and patients at every grade.
// Facts are inserted exactly as charting would store them (first versions, with audit events).
import { randomUUID } from "node:crypto";
import type { Tx } from "@/lib/db";
import { recordAudit } from "@/lib/audit/events";
import { recordPatientVersion } from "@/lib/patients/patient-versions";
import { hashPassword } from "@/lib/auth/password";
import { DEMO_USERS } from "@/lib/seed/demo-users";

interface Vitals {
  t?: number; // temperature °C
  hr?: number;
  rr?: number;
  bp?: [number, number];
  spo2?: number;
  o2?: [device: string, flowLpm?: number, fio2?: number];
  vaso?: [agent: string, doseMcgKgMin: number][];
  ice?: number;
  loc?: string;
  seizure?: string;
  edema?: string;
  note?: string;
}

interface DemoPatient {
  mrn: string;
  name: string;
  birthDate: string;
  sex: string;
  weightKg: number;
  bed: string;
  product: string;
  therapy: "car_t" | "bispecific";
  infusionHoursAgo: number;
  status?: "active" | "discharged";
  /** [hours ago, vitals] */
  observations: [number, Vitals][];
  /** [hours ago, drug, dose mg, route] */
  doses: [number, string, number, string][];
}

const normal = (t = 36.9, hr = 78): Vitals => ({ t, hr, rr: 16, bp: [122, 74], spo2: 98 });

/** Every `step` hours from `from` to `to` hours ago (inclusive), vitals from a function of hours ago. */
function series(from: number, to: number, step: number, vitals: (h: number) => Vitals): [number, Vitals][] {
  const out: [number, Vitals][] = [];
  for (let h = from; h >= to; h -= step) out.push([h, vitals(h)]);
  return out;
}

const DEMO_PATIENTS: DemoPatient[] = [
  {
    mrn: "MRN100001",
    name: "Alice Afebrile",
    birthDate: "1968-04-12",
    sex: "female",
    weightKg: 64,
    bed: "4A-01",
    product: "axicabtagene ciloleucel",
    therapy: "car_t",
    infusionHoursAgo: 30,
    observations: series(28, 1, 4, (h) => normal(36.8 + (h % 3) * 0.2, 74 + (h % 5))),
    doses: [[31, "acetaminophen", 1000, "PO"]],
  },
  {
    mrn: "MRN100002",
    name: "Bruno Fever",
    birthDate: "1975-09-30",
    sex: "male",
    weightKg: 82,
    bed: "4A-02",
    product: "tisagenlecleucel",
    therapy: "car_t",
    infusionHoursAgo: 72,
    observations: [
      ...series(44, 32, 4, () => normal(37.2, 84)),
      ...series(30, 0.5, 2, (h) => ({ t: 38.3 + (h % 4) * 0.15, hr: 104, rr: 20, bp: [118, 70], spo2: 97 })),
    ],
    doses: [],
  },
  {
    mrn: "MRN100003",
    name: "Clara Twelve",
    birthDate: "1959-01-17",
    sex: "female",
    weightKg: 70,
    bed: "4A-03",
    product: "lisocabtagene maraleucel",
    therapy: "car_t",
    infusionHoursAgo: 96,
    observations: [
      ...series(20, 16, 2, () => normal(37.3, 86)),
      [14, { t: 38.6, hr: 112, rr: 22, bp: [104, 62], spo2: 96 }],
      [12, { t: 38.9, hr: 118, rr: 22, bp: [96, 58], spo2: 95 }],
      [10, { t: 39.1, hr: 124, rr: 24, bp: [84, 50], spo2: 94, note: "500 mL crystalloid bolus" }],
      ...series(9, 1, 1, (h) => ({ t: h > 6 ? 38.4 : 37.6, hr: 110, rr: 22, bp: [86, 52], spo2: 95 })),
    ],
    doses: [[9, "tocilizumab", 560, "IV"]],
  },
  {
    mrn: "MRN100004",
    name: "Dmitri Pressor",
    birthDate: "1962-06-02",
    sex: "male",
    weightKg: 91,
    bed: "ICU-03",
    product: "idecabtagene vicleucel",
    therapy: "car_t",
    infusionHoursAgo: 120,
    observations: [
      ...series(44, 41, 1, () => normal(37.4, 90)),
      ...series(40, 31, 1, (h) => ({ t: 38.7, hr: 118, rr: 22, bp: [112, 66], spo2: 96 - (h % 2) })),
      ...series(30, 13, 1, () => ({ t: 38.2, hr: 122, rr: 24, bp: [86, 48], spo2: 93, o2: ["nasal_cannula", 3] })),
      ...series(12, 9, 1, () => ({
        t: 37.8,
        hr: 126,
        rr: 26,
        bp: [94, 52],
        spo2: 92,
        o2: ["nasal_cannula", 5],
        vaso: [["norepinephrine", 0.08]],
      })),
      ...series(8, 0, 1, () => ({
        t: 37.6,
        hr: 120,
        rr: 28,
        bp: [98, 56],
        spo2: 93,
        o2: ["high_flow_nasal_cannula", 40, 0.5],
        vaso: [["norepinephrine", 0.1]],
      })),
    ],
    doses: [
      [29, "tocilizumab", 728, "IV"],
      [20, "tocilizumab", 728, "IV"],
      [20, "dexamethasone", 10, "IV"],
      [14, "dexamethasone", 10, "IV"],
      [8, "dexamethasone", 10, "IV"],
      [2, "dexamethasone", 10, "IV"],
    ],
  },
  {
    mrn: "MRN100005",
    name: "Eva Fourdoses",
    birthDate: "1981-11-23",
    sex: "female",
    weightKg: 58,
    bed: "4A-05",
    product: "brexucabtagene autoleucel",
    therapy: "car_t",
    infusionHoursAgo: 144,
    observations: [
      ...series(60, 57, 1, () => ({ t: 38.8, hr: 120, rr: 22, bp: [100, 60], spo2: 96 })),
      ...series(56, 30, 2, () => ({ t: 38.4, hr: 116, rr: 22, bp: [86, 50], spo2: 94, o2: ["nasal_cannula", 2] })),
      ...series(28, 1, 1, () => ({ t: 37.5, hr: 108, rr: 20, bp: [88, 52], spo2: 94, o2: ["nasal_cannula", 2] })),
    ],
    doses: [
      [56, "tocilizumab", 464, "IV"],
      [47, "tocilizumab", 464, "IV"],
      [38, "tocilizumab", 464, "IV"],
      [29, "tocilizumab", 464, "IV"],
      [40, "dexamethasone", 10, "IV"],
      [28, "dexamethasone", 10, "IV"],
      [16, "dexamethasone", 10, "IV"],
      [4, "dexamethasone", 10, "IV"],
    ],
  },
  {
    mrn: "MRN100006",
    name: "Farid Neuro",
    birthDate: "1955-03-08",
    sex: "male",
    weightKg: 77,
    bed: "4A-06",
    product: "ciltacabtagene autoleucel",
    therapy: "car_t",
    infusionHoursAgo: 150,
    observations: [
      ...series(70, 50, 4, () => ({ ...normal(38.3, 100), ice: 10, loc: "awake" })),
      ...series(48, 20, 4, () => ({ ...normal(37.2, 90), ice: 8, loc: "awake" })),
      ...series(16, 0, 4, (h) => ({
        ...normal(37.0, 88),
        ice: h > 8 ? 6 : 5,
        loc: "awakens_to_voice",
        note: h === 0 ? "Word-finding difficulty, handwriting deteriorating" : undefined,
      })),
    ],
    doses: [
      [69, "acetaminophen", 1000, "PO"],
      [15, "dexamethasone", 10, "IV"],
      [9, "dexamethasone", 10, "IV"],
      [3, "dexamethasone", 10, "IV"],
    ],
  },
  {
    mrn: "MRN100007",
    name: "Grace Resolved",
    birthDate: "1970-07-19",
    sex: "female",
    weightKg: 66,
    bed: "4A-07",
    product: "axicabtagene ciloleucel",
    therapy: "car_t",
    infusionHoursAgo: 240,
    observations: [
      ...series(200, 186, 2, () => ({ t: 38.5, hr: 110, rr: 20, bp: [108, 64], spo2: 96 })),
      ...series(184, 176, 1, () => ({ t: 38.2, hr: 112, rr: 22, bp: [88, 50], spo2: 95 })),
      ...series(174, 100, 4, () => normal(37.1, 86)),
      ...series(96, 2, 6, () => ({ ...normal(36.7, 76), ice: 10, loc: "awake" })),
    ],
    doses: [[183, "tocilizumab", 528, "IV"]],
  },
  {
    mrn: "MRN100008",
    name: "Hiro Bispecific",
    birthDate: "1949-12-01",
    sex: "male",
    weightKg: 25,
    bed: "4A-08",
    product: "teclistamab (step-up dose 2)",
    therapy: "bispecific",
    infusionHoursAgo: 26,
    observations: [...series(24, 4, 4, () => normal(37.1, 80)), [2, { t: 38.1, hr: 98, rr: 18, bp: [128, 76], spo2: 98 }]],
    doses: [],
  },
];

/** 30 days of observations every 15 minutes: the performance patient. */
function longStayPatient(): DemoPatient {
  const observations: [number, Vitals][] = [];
  const totalHours = 30 * 24;
  for (let i = 0; i < totalHours * 4; i++) {
    const h = totalHours - i * 0.25;
    const day = (totalHours - h) / 24;
    const wobble = Math.sin(i / 7) * 0.2;
    const inEpisode = day >= 2 && day < 6;
    const hypotensive = day >= 3 && day < 4.5;
    observations.push([
      h,
      {
        t: Math.round((inEpisode ? 38.4 + wobble : 36.9 + wobble) * 10) / 10,
        hr: Math.round((inEpisode ? 112 : 78) + Math.sin(i / 5) * 6),
        rr: inEpisode ? 22 : 16,
        bp: hypotensive ? [86, 50] : [120 + Math.round(Math.sin(i / 9) * 6), 72],
        spo2: hypotensive ? 93 : 97,
        o2: hypotensive ? ["nasal_cannula", 3] : undefined,
        ice: i % 32 === 0 ? 10 : undefined,
        loc: i % 32 === 0 ? "awake" : undefined,
      },
    ]);
  }
  const dayAgo = (d: number) => totalHours - d * 24;
  return {
    mrn: "MRN100099",
    name: "Ivan Longstay",
    birthDate: "1964-02-29",
    sex: "male",
    weightKg: 80,
    bed: "4B-12",
    product: "axicabtagene ciloleucel",
    therapy: "car_t",
    infusionHoursAgo: totalHours + 2,
    observations,
    doses: [
      [dayAgo(3.1), "tocilizumab", 640, "IV"],
      [dayAgo(3.5), "tocilizumab", 640, "IV"],
      [dayAgo(3.6), "dexamethasone", 10, "IV"],
      [dayAgo(3.85), "dexamethasone", 10, "IV"],
      [dayAgo(4.1), "dexamethasone", 10, "IV"],
      [dayAgo(4.35), "dexamethasone", 10, "IV"],
      [dayAgo(2.1), "acetaminophen", 1000, "PO"],
      [dayAgo(2.4), "acetaminophen", 1000, "PO"],
      [dayAgo(2.7), "acetaminophen", 1000, "PO"],
      [dayAgo(5.0), "acetaminophen", 1000, "PO"],
      [dayAgo(5.3), "acetaminophen", 1000, "PO"],
      [dayAgo(5.6), "acetaminophen", 1000, "PO"],
    ],
  };
}

export const DEMO_WARD = { id: "ward-4a", name: "Ward 4A — Cellular Therapy", timeZone: "Europe/London" };

/** Seeds users and the demo ward into an empty database; does nothing if any patient or user exists. */
export async function seedDemoWard(tx: Tx, now: Date): Promise<{ seeded: boolean; patients: number; observations: number }> {
  if ((await tx.user.count()) > 0 || (await tx.patient.count()) > 0) {
    return { seeded: false, patients: 0, observations: 0 };
  }
  const users: Record<string, { id: string; name: string; role: (typeof DEMO_USERS)[number]["role"] }> = {};
  for (const u of DEMO_USERS) {
    const created = await tx.user.create({
      data: { username: u.username, displayName: u.displayName, role: u.role, passwordHash: await hashPassword(u.password) },
    });
    users[u.role] = { id: created.id, name: created.displayName, role: u.role };
  }
  await tx.ward.create({ data: DEMO_WARD });

  // Round to the quarter hour so the demo reads like real charting.
  const base = Math.floor(now.getTime() / (15 * 60_000)) * 15 * 60_000;
  const at = (hoursAgo: number) => new Date(base - Math.round(hoursAgo * 4) * 15 * 60_000);
  const physician = users.physician;
  const nurse = users.nurse;
  if (!physician || !nurse) throw new Error("DEMO_USERS must include a physician and a nurse");
  let observationCount = 0;

  for (const p of [...DEMO_PATIENTS, longStayPatient()]) {
    const patient = await tx.patient.create({
      data: {
        mrn: p.mrn,
        name: p.name,
        birthDate: p.birthDate,
        sex: p.sex,
        weightKg: p.weightKg,
        weightMeasuredAt: at(p.infusionHoursAgo + 24),
        wardId: DEMO_WARD.id,
        bed: p.bed,
        product: p.product,
        therapy: p.therapy,
        infusionAt: at(p.infusionHoursAgo),
        // Admitted the day before the infusion, when weighed: the seeded history is recorded after
        // admission, as real charting is, so a replay of the demo ward's past shows its patients.
        createdAt: at(p.infusionHoursAgo + 24),
        createdById: physician.id,
      },
    });
    await recordPatientVersion(tx, patient.id, {
      change: "admit",
      reason: null,
      recordedById: physician.id,
      recordedAt: patient.createdAt,
    });
    await recordAudit(tx, physician, {
      action: "patient.admit",
      entityType: "patient",
      entityId: patient.id,
      after: { mrn: p.mrn, name: p.name },
    });

    const observationRows = p.observations.map(([hoursAgo, v]) => {
      const id = randomUUID();
      return {
        id,
        lineageId: id,
        version: 1,
        patientId: patient.id,
        effectiveAt: at(hoursAgo),
        recordedAt: new Date(at(hoursAgo).getTime() + 5 * 60_000),
        recordedById: nurse.id,
        temperatureC: v.t,
        heartRate: v.hr,
        respiratoryRate: v.rr,
        systolicBP: v.bp?.[0],
        diastolicBP: v.bp?.[1],
        spo2: v.spo2,
        oxygenDevice: v.o2?.[0] ?? "room_air",
        oxygenFlowLpm: v.o2?.[1],
        fio2: v.o2?.[2],
        iceScore: v.ice,
        consciousness: v.loc,
        seizure: v.seizure ?? (v.loc ? "none" : undefined),
        motorWeakness: v.loc ? false : undefined,
        cerebralEdema: v.edema ?? (v.loc ? "none" : undefined),
        note: v.note,
        vasopressors: v.vaso,
      };
    });
    await tx.observation.createMany({ data: observationRows.map(({ vasopressors: _v, ...row }) => row) });
    await tx.vasopressorInfusion.createMany({
      data: observationRows.flatMap((o) =>
        (o.vasopressors ?? []).map(([agent, dose]) => ({ observationId: o.id, agent, doseMcgKgMin: dose })),
      ),
    });
    await tx.auditEvent.createMany({
      data: observationRows.map((o) => ({
        actorId: nurse.id,
        actorName: nurse.name,
        role: nurse.role,
        action: "observation.create",
        entityType: "observation",
        entityId: o.id,
        at: o.recordedAt,
      })),
    });
    observationCount += observationRows.length;

    for (const [hoursAgo, drug, doseMg, route] of p.doses) {
      const id = randomUUID();
      const effectiveAt = at(hoursAgo);
      await tx.medicationAdministration.create({
        data: {
          id,
          lineageId: id,
          version: 1,
          patientId: patient.id,
          drug,
          doseMg,
          route,
          effectiveAt,
          recordedAt: new Date(effectiveAt.getTime() + 10 * 60_000),
          recordedById: physician.id,
        },
      });
      await recordAudit(tx, physician, {
        action: "dose.create",
        entityType: "dose",
        entityId: id,
        after: { drug, doseMg, route },
      });
    }
  }
  return { seeded: true, patients: DEMO_PATIENTS.length + 1, observations: observationCount };
}
