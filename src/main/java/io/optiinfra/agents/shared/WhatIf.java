package io.optiinfra.agents.shared;

import java.util.Map;

/** Predicts one deployment's figures under changes (simulator {@code /predict} body); pure code takes a lambda. */
@FunctionalInterface
public interface WhatIf {
    Prediction predict(Map<String, Object> changes);
}
