// A common threat whose strength grows logistically toward a capacity and is cut by the actors'
// contributions (our form, docs/models.md §threat): dθ/dt = g·θ·(1 − θ/K) − h·θ, with h the
// week's reduction rate from contributions. Integrated exactly over each step, so with no
// contributions the path equals the logistic closed form.
#pragma once

namespace detente::engine {

// θ after `dt` steps of dθ/dt = gθ(1 − θ/K) − hθ from θ0 (exact solution; h held constant).
[[nodiscard]] double advance_threat(double theta, double growth, double capacity, double reduction, double dt);

// The logistic closed form θ(t) = K / (1 + ((K − θ0)/θ0)·e^(−g t)) (Verhulst 1838).
[[nodiscard]] double logistic(double theta0, double growth, double capacity, double t);

}  // namespace detente::engine
