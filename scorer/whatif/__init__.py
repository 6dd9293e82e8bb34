"""What-if analyses (stage 3): a scored run in → scenarios, uncertainty, sensitivity and the least-effort plan out."""
