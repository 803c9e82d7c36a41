#include "ensemble/ensemble.h"

#include <algorithm>
#include <cmath>
#include <deque>

namespace detente::ensemble {

std::uint64_t default_chunk_size(std::uint64_t runs) {
  return std::clamp<std::uint64_t>((runs + 99) / 100, 100, 10000);
}

std::uint64_t chunk_count(std::uint64_t runs, std::uint64_t chunk_size) { return (runs + chunk_size - 1) / chunk_size; }

// ---- paired summaries

void PairedAggregate::merge(const PairedAggregate& other) {
  if (events.empty() && differences.empty()) {
    *this = other;
    return;
  }
  for (std::size_t k = 0; k < events.size(); ++k) {
    for (std::size_t e = 0; e < events[k].size(); ++e) {
      events[k][e].both += other.events[k][e].both;
      events[k][e].first_only += other.events[k][e].first_only;
      events[k][e].second_only += other.events[k][e].second_only;
      events[k][e].neither += other.events[k][e].neither;
    }
    for (std::size_t q = 0; q < differences[k].size(); ++q) differences[k][q].merge(other.differences[k][q]);
  }
}

void PairedAggregate::write(std::vector<std::uint8_t>& out) const {
  put_u64(out, events.size());
  for (std::size_t k = 0; k < events.size(); ++k) {
    put_u64(out, events[k].size());
    for (const auto& t : events[k]) {
      put_u64(out, t.both);
      put_u64(out, t.first_only);
      put_u64(out, t.second_only);
      put_u64(out, t.neither);
    }
    put_u64(out, differences[k].size());
    for (const auto& m : differences[k]) put_moments(out, m);
  }
}

bool PairedAggregate::read(std::span<const std::uint8_t>& in) {
  std::uint64_t arms = 0;
  if (!get_u64(in, arms) || arms > in.size()) return false;
  events.assign(arms, {});
  differences.assign(arms, {});
  for (std::size_t k = 0; k < arms; ++k) {
    std::uint64_t n = 0;
    if (!get_u64(in, n) || n > in.size()) return false;
    events[k].resize(n);
    for (auto& t : events[k]) {
      if (!get_u64(in, t.both) || !get_u64(in, t.first_only) || !get_u64(in, t.second_only) || !get_u64(in, t.neither))
        return false;
    }
    if (!get_u64(in, n) || n > in.size()) return false;
    differences[k].resize(n);
    for (auto& m : differences[k]) {
      if (!get_moments(in, m)) return false;
    }
  }
  return true;
}

// ---- chunk results

std::vector<std::uint8_t> ChunkResult::serialize() const {
  std::vector<std::uint8_t> out;
  put_u64(out, chunk);
  put_u64(out, first_run);
  put_u64(out, runs);
  put_u64(out, arms.size());
  for (const auto& arm : arms) arm.write(out);
  paired.write(out);
  put_u64(out, records.size());
  for (const auto& r : records) {
    put_u64(out, r.run);
    put_u64(out, r.events.size());
    out.insert(out.end(), r.events.begin(), r.events.end());
    put_u64(out, r.quantities.size());
    for (const double x : r.quantities) put_f64(out, x);
    put_u64(out, r.inputs.size());
    for (const double x : r.inputs) put_f64(out, x);
  }
  return out;
}

bool ChunkResult::parse(std::span<const std::uint8_t> in, ChunkResult& out) {
  std::uint64_t n = 0;
  if (!get_u64(in, out.chunk) || !get_u64(in, out.first_run) || !get_u64(in, out.runs) || !get_u64(in, n) ||
      n > in.size())
    return false;
  out.arms.assign(n, Aggregate{});
  for (auto& arm : out.arms) {
    if (!arm.read(in)) return false;
  }
  if (!out.paired.read(in) || !get_u64(in, n) || n > in.size()) return false;
  out.records.assign(n, RunRecord{});
  for (auto& r : out.records) {
    std::uint64_t size = 0;
    if (!get_u64(in, r.run) || !get_u64(in, size) || size > in.size()) return false;
    r.events.assign(in.begin(), in.begin() + static_cast<std::ptrdiff_t>(size));
    in = in.subspan(size);
    for (auto* values : {&r.quantities, &r.inputs}) {
      if (!get_u64(in, size) || size > in.size() / 8) return false;
      values->resize(size);
      for (auto& x : *values) {
        if (!get_f64(in, x)) return false;
      }
    }
  }
  return in.empty();
}

void ChunkResult::merge(const ChunkResult& other) {
  runs += other.runs;
  for (std::size_t a = 0; a < arms.size(); ++a) arms[a].merge(other.arms[a]);
  paired.merge(other.paired);
}

// ---- the runner

EnsembleRunner::EnsembleRunner(const scenario::Scenario& scenario, EnsembleSpec spec)
    : scenario_(&scenario),
      spec_(std::move(spec)),
      engine_(scenario),
      layout_(OutcomeLayout::of(scenario)) {
  if (spec_.chunk_size == 0) spec_.chunk_size = default_chunk_size(spec_.runs);
  if (spec_.arms.empty()) spec_.arms = {{}};
}

Result<std::unique_ptr<EnsembleRunner>> EnsembleRunner::make(const scenario::Scenario& scenario, EnsembleSpec spec) {
  std::unique_ptr<EnsembleRunner> runner(new EnsembleRunner(scenario, std::move(spec)));
  for (const auto& arm : runner->spec_.arms) {
    if (auto known = runner->engine_.policy_indices(arm); !known) return known.error();
  }
  return runner;
}

ChunkResult EnsembleRunner::empty_result() const {
  ChunkResult r;
  r.arms.assign(spec_.arms.size(), Aggregate(layout_));
  const std::size_t pairs = spec_.arms.size() - 1;
  r.paired.events.assign(pairs, std::vector<PairedAggregate::Table>(layout_.events.size()));
  r.paired.differences.assign(pairs, std::vector<Moments>(layout_.quantities.size()));
  return r;
}

ChunkResult EnsembleRunner::compute(std::uint64_t chunk, std::atomic<std::uint64_t>* runs_done) const {
  ChunkResult r = empty_result();
  r.chunk = chunk;
  r.first_run = chunk * spec_.chunk_size;
  r.runs = std::min(spec_.chunk_size, spec_.runs - std::min(spec_.runs, r.first_run));
  const std::size_t arms = spec_.arms.size();
  std::vector<double> parameters;
  std::vector<RunRecord> records(arms);
  for (std::uint64_t run = r.first_run; run < r.first_run + r.runs; ++run) {
    engine_.sampler().draw(spec_.seed, run, parameters);
    for (std::size_t a = 0; a < arms; ++a) {
      const engine::RunOptions options{.seed = spec_.seed, .run = run, .policies = spec_.arms[a], .sample = true};
      const auto result = engine_.run(options, parameters);  // policies were checked in make()
      record_run(*scenario_, *result, records[a]);
      r.arms[a].add(records[a], result->series);
    }
    for (std::size_t a = 1; a < arms; ++a) {
      for (std::size_t e = 0; e < layout_.events.size(); ++e) {
        auto& t = r.paired.events[a - 1][e];
        const bool first = records[0].events[e] != 0;
        const bool second = records[a].events[e] != 0;
        (first ? (second ? t.both : t.first_only) : (second ? t.second_only : t.neither)) += 1;
      }
      for (std::size_t q = 0; q < layout_.quantities.size(); ++q) {
        const double d = records[0].quantities[q] - records[a].quantities[q];
        if (!std::isnan(d)) r.paired.differences[a - 1][q].add(d);
      }
    }
    if (spec_.keep_runs) {
      RunRecord kept = records[0];
      kept.run = run;
      for (const std::size_t p : engine_.sampler().uncertain()) kept.inputs.push_back(parameters[p]);
      r.records.push_back(std::move(kept));
    }
    if (runs_done != nullptr) runs_done->fetch_add(1, std::memory_order_relaxed);
  }
  return r;
}

// ---- transports and distribution over ranks

namespace {

class LocalTransport final : public Transport {
 public:
  [[nodiscard]] int rank() const override { return 0; }
  [[nodiscard]] int ranks() const override { return 1; }
  void broadcast(std::vector<std::uint64_t>& /*items*/) override {}
  void send_to_root(const std::vector<std::uint8_t>& /*bytes*/) override {}
  std::vector<std::uint8_t> receive_from(int /*rank*/) override { return {}; }
  bool any(bool flag) override { return flag; }
};

}  // namespace

std::unique_ptr<Transport> local_transport() { return std::make_unique<LocalTransport>(); }

void compute_chunks(const EnsembleRunner& runner, std::vector<std::uint64_t> todo, int threads, Transport& transport,
                    const std::function<void(ChunkResult&&)>& deliver, const std::atomic<bool>& stop,
                    std::atomic<std::uint64_t>* runs_done) {
  transport.broadcast(todo);
  const auto ranks = static_cast<std::size_t>(transport.ranks());
  const auto me = static_cast<std::size_t>(transport.rank());
  std::vector<std::uint64_t> mine;
  for (std::size_t k = me; k < todo.size(); k += ranks) mine.push_back(todo[k]);
  const std::function<ChunkResult(std::size_t)> compute = [&](std::size_t i) {
    return runner.compute(mine[i], runs_done);
  };
  if (ranks == 1) {
    ordered_parallel<ChunkResult>(mine.size(), threads, compute, deliver, stop);
    return;
  }
  const std::atomic<bool> never{false};
  if (me != 0) {
    const std::function<void(ChunkResult &&)> send = [&](ChunkResult&& r) { transport.send_to_root(r.serialize()); };
    ordered_parallel<ChunkResult>(mine.size(), threads, compute, send, never);
    return;
  }
  // The root computes its share on worker threads while this thread, the only one to call MPI,
  // takes the results of every rank in list order.
  std::mutex mutex;
  std::condition_variable changed;
  std::deque<ChunkResult> local;
  std::thread worker([&] {
    const std::function<void(ChunkResult &&)> keep = [&](ChunkResult&& r) {
      std::unique_lock lock(mutex);
      changed.wait(lock, [&] { return local.size() < 2; });
      local.push_back(std::move(r));
      changed.notify_all();
    };
    ordered_parallel<ChunkResult>(mine.size(), threads, compute, keep, never);
  });
  for (std::size_t k = 0; k < todo.size(); ++k) {
    const auto owner = static_cast<int>(k % ranks);
    ChunkResult r;
    if (owner == 0) {
      std::unique_lock lock(mutex);
      changed.wait(lock, [&] { return !local.empty(); });
      r = std::move(local.front());
      local.pop_front();
      changed.notify_all();
    } else {
      const auto bytes = transport.receive_from(owner);
      if (!ChunkResult::parse(bytes, r))
        throw std::runtime_error("a corrupt chunk summary arrived from rank " + std::to_string(owner));
    }
    deliver(std::move(r));
  }
  worker.join();
}

}  // namespace detente::ensemble
