/// The non-randomised PIT histogram of count forecasts (Czado, Gneiting & Held 2009,
/// "Predictive model assessment for count data", *Biometrics* 65(4), §2.1): the mean PIT CDF
/// F̄(u) = (1/n) Σ F⁽ⁱ⁾(u | yᵢ) over n forecasts (``CountForecast/pitCDF(_:observation:)``),
/// and bin j of J holds F̄(j/J) − F̄((j − 1)/J). A calibrated forecaster's bins are all about
/// 1/J; a U shape means intervals too narrow, a hump too wide, a slope bias. Unlike the
/// randomised PIT it needs no random numbers, so it is deterministic.
public struct PITHistogram: Sendable, Hashable, Codable {
    /// The bins' heights, summing to 1; empty when there were no forecasts.
    public var bins: [Double]
    /// How many forecasts it pools.
    public var forecasts: Int

    /// The histogram of `forecasts` against `observations` (pairwise; the longer list is cut),
    /// with `binCount` bins (at least 1; 10 by default).
    public init(forecasts: [CountForecast], observations: [Int], binCount: Int = 10) {
        let count = min(forecasts.count, observations.count), bins = max(1, binCount)
        self.forecasts = count
        guard count > 0 else {
            self.bins = []
            return
        }
        let edges = (0...bins).map { Double($0) / Double(bins) }
        let meanCDF = edges.map { u in
            zip(forecasts, observations).reduce(0.0) { $0 + $1.0.pitCDF(u, observation: $1.1) } / Double(count)
        }
        self.bins = (1...bins).map { meanCDF[$0] - meanCDF[$0 - 1] }
    }
}
