package io.scoregate.gate.analyze;

/** One value of the primary suspect's dimension over the whole log ("v1.2: 90-120 ms, 3/3 OK"). */
public record ValueStats(String value, GroupStats stats) {
}
