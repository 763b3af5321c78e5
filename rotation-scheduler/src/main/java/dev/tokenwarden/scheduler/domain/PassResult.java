package dev.tokenwarden.scheduler.domain;

import dev.tokenwarden.events.Incident;
import dev.tokenwarden.events.RotationDue;
import java.util.List;

/** What one scheduling pass decided: rotations to emit, incidents to raise or resolve, and how many waited for budget. */
public record PassResult(List<RotationDue> rotations, List<Incident> incidents, int deferred) {
}
