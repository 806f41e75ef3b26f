import Foundation
import ParleyEngine
import ParleyLanguage
import Testing

/// The shipped Richardson scenario against the closed-form solution of its linear system.
///
/// The scenario steps v(n+1) = M·v(n) + c with M = I + dt·[[−a, k], [l, −b]] and c = dt·(g, h).
/// Its solution is v(n) = v* + M^n·(v(0) − v*), with v* the continuous model's equilibrium
/// x* = (b·g + k·h)/(a·b − k·l), y* = (l·g + a·h)/(a·b − k·l). M^n comes from M's eigen-
/// decomposition (two real eigenvalues, since M is symmetric when k = l).
@Suite struct RichardsonTests {
    let k = 2.0, l = 2.0, a = 5.0, b = 3.0, g = 5.0, h = 5.0, dt = 0.05

    var equilibrium: (x: Double, y: Double) {
        ((b * g + k * h) / (a * b - k * l), (l * g + a * h) / (a * b - k * l))
    }

    /// v(n) by the closed form, for a 2×2 M with distinct real eigenvalues.
    func closedForm(steps n: Int, from start: (x: Double, y: Double)) -> (x: Double, y: Double) {
        let m11 = 1 - dt * a, m12 = dt * k, m21 = dt * l, m22 = 1 - dt * b
        let trace = m11 + m22, determinant = m11 * m22 - m12 * m21
        let root = (trace * trace / 4 - determinant).squareRoot()
        let lambda1 = trace / 2 + root, lambda2 = trace / 2 - root
        // Sylvester's formula: M^n = λ1^n (M − λ2 I)/(λ1 − λ2) + λ2^n (M − λ1 I)/(λ2 − λ1).
        let p1 = pow(lambda1, Double(n)) / (lambda1 - lambda2), p2 = pow(lambda2, Double(n)) / (lambda2 - lambda1)
        let power = [
            [p1 * (m11 - lambda2) + p2 * (m11 - lambda1), p1 * m12 + p2 * m12],
            [p1 * m21 + p2 * m21, p1 * (m22 - lambda2) + p2 * (m22 - lambda1)],
        ]
        let star = equilibrium
        let dx = start.x - star.x, dy = start.y - star.y
        return (star.x + power[0][0] * dx + power[0][1] * dy, star.y + power[1][0] * dx + power[1][1] * dy)
    }

    @Test(arguments: [1, 2, 5, 20, 200])
    func armsFollowTheClosedFormOfTheLinearSystem(steps: Int) async throws {
        var scenario = try shipped("richardson")
        scenario.clock = Clock(unit: .step, steps: steps, start: nil, stepLength: dt)
        let summary = try await ensemble(scenario, runs: 1)
        let expected = closedForm(steps: steps, from: (1, 1))
        // Tolerance: 1e-9 absolute, far above accumulated rounding (~200 steps × 1e-16) and far below any modelling error.
        #expect(abs(try summary.values("x_arms")[0] - expected.x) < 1e-9)
        #expect(abs(try summary.values("y_arms")[0] - expected.y) < 1e-9)
    }

    @Test func armsSettleAtRichardsonsEquilibrium() async throws {
        let summary = try await ensemble(try shipped("richardson"), runs: 1)
        // After 200 steps the slower mode has decayed by |1 − 0.05·1.76|^200 ≈ 1e-8.
        #expect(abs(try summary.values("x_arms")[0] - 25.0 / 11) < 1e-6)
        #expect(abs(try summary.values("y_arms")[0] - 35.0 / 11) < 1e-6)
        #expect(try summary.values("stable")[0] == 1)
    }

    @Test func anUnstableRaceRunsAway() async throws {
        let summary = try await ensemble(try shipped("richardson"), runs: 1, set: ["k": "6", "l": "6"])
        #expect(try summary.values("stable")[0] == 0)
        #expect(try summary.values("x_arms")[0] > 1000)
    }
}
