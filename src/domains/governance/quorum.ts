/**
 * Quorum (statute): a meeting can decide when at least the body's `quorumPercent` of those
 * entitled to vote take part, in person or represented by proxy. Pure, shared by the meeting's
 * page and the votes (checked again when a vote closes).
 */
export type Attendance = "present" | "excused" | "absent" | "proxy";
export const attendanceValues = ["present", "excused", "absent", "proxy"] as const;

export type QuorumParticipant = { kind: string; attendance: string | null };

export type Quorum = {
  /** Participants entitled to vote (kind `member`; guests never count). */
  entitled: number;
  present: number;
  /** Represented by a proxy held by another participant who is present. */
  byProxy: number;
  /** How many must take part: ceil(entitled × percent / 100), at least 1. */
  required: number;
  reached: boolean;
};

export function quorumOf(participants: readonly QuorumParticipant[], quorumPercent: number): Quorum {
  const members = participants.filter((p) => p.kind === "member");
  const present = members.filter((p) => p.attendance === "present").length;
  const byProxy = members.filter((p) => p.attendance === "proxy").length;
  const required = Math.max(1, Math.ceil((members.length * quorumPercent) / 100));
  return { entitled: members.length, present, byProxy, required, reached: present + byProxy >= required };
}
