import type { ApplicationStatus } from "./contract";

/** Which status may follow which: the only transitions there are. */
export const transitions: Record<ApplicationStatus, readonly ApplicationStatus[]> = {
  submitted: ["incomplete", "ready_for_board", "rejected", "withdrawn"],
  incomplete: ["submitted", "ready_for_board", "rejected", "withdrawn"],
  ready_for_board: ["incomplete", "approved", "rejected", "withdrawn"],
  approved: [],
  rejected: [],
  withdrawn: [],
};

export function canMove(from: string, to: ApplicationStatus): boolean {
  return (transitions[from as ApplicationStatus] ?? []).includes(to);
}
