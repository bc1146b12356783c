// The simulated federation of Open311 servers: the offline demo and the harvester's test bed.
export { startSimulator } from './start-simulator.ts';
export { catchUp, startOfHour } from './model/clock.ts';
export type { FaultProfile, Simulator, SimulatorOptions, SimulatorState, TruthRow } from './types.ts';
export { flakyRates } from './faults/fault-plan.ts';
