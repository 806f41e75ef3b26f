import Foundation
import ParleyBargaining
import ParleyNumerics
import PropertyBased
import Testing

/// Seeds of random one-dimensional tables (see ``randomActors(_:)``).
let actorsGen = Gen.int(in: 0...1_000_000)

/// 2 to 12 actors drawn from `seed`: positions 0–100 (whole numbers, so that ties occur),
/// capabilities 0.1–10, saliences 0.05–1.
func randomActors(_ seed: Int) -> [(Double, Double, Double)] {
    var generator = Xoshiro256StarStar(seed: UInt64(seed))
    let count = 2 + Int(generator.nextUniform() * 11)
    return (0..<count).map { _ in
        ((generator.nextUniform() * 100).rounded(), 0.1 + generator.nextUniform() * 9.9, 0.05 + generator.nextUniform() * 0.95)
    }
}

func randomTable(_ actors: [(Double, Double, Double)], reference: Double? = nil) throws -> BargainingTable {
    try BargainingTable(name: "p", actors: actors.enumerated().map { index, actor in
        BargainingActor(name: "actor\(index)", capability: actor.1, position: actor.0, salience: actor.2)
    }, scales: [0...100], reference: reference.map { [$0] })
}

@Test func everyForecastLiesWithinThePositionsHull() async throws {
    await propertyCheck(count: 60, input: actorsGen, Gen.double(in: 0...100)) { seed, reference in
        let actors = randomActors(seed)
        let table = try! randomTable(actors, reference: reference)
        let low = actors.map(\.0).min()!, high = actors.map(\.0).max()!
        for model in BargainingModel.allCases where model != .nash {
            let outcome = table.forecast(model).outcome[0]
            #expect(outcome >= low - 1e-9 && outcome <= high + 1e-9, "\(model)")
        }
        // The Nash solution lies between the reference point and the positions.
        let nash = table.forecast(.nash).outcome[0]
        #expect(nash >= min(low, reference) - 1e-9 && nash <= max(high, reference) + 1e-9)
    }
}

@Test func permutingActorsChangesNoForecast() async throws {
    await propertyCheck(count: 40, input: actorsGen, Gen.int(in: 0...1000)) { seed, shift in
        let actors = randomActors(seed)
        let table = try! randomTable(actors, reference: 0)
        var permuted = table
        let k = shift % table.actors.count
        permuted.actors = Array(table.actors[k...] + table.actors[..<k]).reversed()
        for model in BargainingModel.allCases {
            let a = table.forecast(model).outcome[0], b = permuted.forecast(model).outcome[0]
            #expect(abs(a - b) <= 1e-9 * max(1, abs(a)), "\(model): \(a) vs \(b)")
        }
    }
}

@Test func forecastsAreDeterministic() async throws {
    await propertyCheck(count: 30, input: actorsGen) { seed in
        let table = try! randomTable(randomActors(seed), reference: 10)
        for model in BargainingModel.allCases { #expect(table.forecast(model) == table.forecast(model)) }
    }
}

@Test func nashSolutionApproachesTheCompromiseAsTheReferencePointRecedes() throws {
    // Achen (2006): the compromise model is the Nash solution's limit for a distant disagreement point.
    let table = try randomTable([(20, 1, 0.5), (50, 2, 1), (90, 1, 0.8)], reference: -1e6)
    #expect(abs(table.nashSolution().outcome - table.compromise()) < 1e-3)
}

@Test func nashSolutionMatchesABruteForceMaximum() async throws {
    await propertyCheck(count: 40, input: actorsGen) { seed in
        let pairs = randomActors(seed).map { (max(1, $0.0), $0.1) }.prefix(6)
        let table = try! BargainingTable(name: "n", actors: pairs.enumerated().map {
            BargainingActor(name: "a\($0.offset)", capability: $0.element.1, position: $0.element.0, salience: 1)
        }, reference: [0])
        let solution = table.nashSolution().outcome
        func product(_ x: Double) -> Double {
            pairs.reduce(0) { sum, pair in
                let gain = pair.0 * pair.0 - (x - pair.0) * (x - pair.0)
                return gain > 0 ? sum + pair.1 * log(gain) : -.infinity
            }
        }
        let grid = stride(from: 0.0, through: 200, by: 0.01).max { product($0) < product($1) } ?? 0
        #expect(abs(grid - solution) < 0.02)
    }
}

@Test func bdmStopsWithinItsRoundLimit() async throws {
    await propertyCheck(count: 30, input: actorsGen) { seed in
        let forecast = try! randomTable(randomActors(seed)).forecast(.bdm)
        #expect(forecast.rounds.count <= 21)
        #expect(forecast.outcome[0].isFinite)
    }
}

@Test func smpOnAgreeingActorsStaysPut() throws {
    let table = try randomTable([(40, 1, 1), (40, 2, 0.5), (40, 3, 0.7)])
    let forecast = table.forecast(.smp)
    #expect(abs(forecast.outcome[0] - 40) < 1e-9)
}

@Test func smpFixedRiskAttitudesAreUsed() throws {
    var table = try randomTable([(10, 1, 1), (60, 2, 0.5), (90, 3, 0.7)])
    let inferred = table.forecast(.smp).outcome[0]
    for index in table.actors.indices { table.actors[index].riskAttitude = -1 }
    #expect(table.forecast(.smp).outcome[0] != inferred)
}
