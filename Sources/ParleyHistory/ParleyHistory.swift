/// History: the observed record, targets computed from it, proper scoring rules and
/// simulation-based calibration (ABC-SMC).
public enum ParleyHistory {}
