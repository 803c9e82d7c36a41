// Monte Carlo ensembles of a scenario. Runs are grouped in chunks of a fixed size (set by the
// number of runs, never by the thread or rank count); each chunk is computed independently into a
// mergeable summary, and the summaries are merged in chunk order. Run i always uses the random
// streams (seed, i), so the results are the same bits for any number of threads or MPI ranks.
// With several arms (policy sets) every run index is played under each arm with the same
// parameter draws and the same mechanism streams: common random numbers for paired comparisons.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "engine/engine.h"
#include "engine/parameter_sampler.h"
#include "ensemble/aggregate.h"

namespace detente::ensemble {

struct EnsembleSpec {
  std::uint64_t runs = 1000;
  std::uint64_t seed = 1;
  std::vector<std::vector<std::string>> arms = {{}};  // each arm: the policies switched on
  std::uint64_t chunk_size = 0;                       // 0: default_chunk_size(runs)
  bool keep_runs = false;                             // per-run rows (first arm only)
};

// About a hundred chunks, each between 100 and 10,000 runs.
[[nodiscard]] std::uint64_t default_chunk_size(std::uint64_t runs);
[[nodiscard]] std::uint64_t chunk_count(std::uint64_t runs, std::uint64_t chunk_size);

// Paired differences between arm 0 and each other arm, per event (the 2×2 table) and per quantity
// (moments of the run-by-run difference, over runs where both are defined).
struct PairedAggregate {
  struct Table {
    std::uint64_t both = 0, first_only = 0, second_only = 0, neither = 0;
  };
  std::vector<std::vector<Table>> events;         // [arm − 1][event]
  std::vector<std::vector<Moments>> differences;  // [arm − 1][quantity]: arm 0 − arm k
  void merge(const PairedAggregate& other);
  void write(std::vector<std::uint8_t>& out) const;
  bool read(std::span<const std::uint8_t>& in);
};

struct ChunkResult {
  std::uint64_t chunk = 0;
  std::uint64_t first_run = 0;
  std::uint64_t runs = 0;
  std::vector<Aggregate> arms;
  PairedAggregate paired;
  std::vector<RunRecord> records;  // with keep_runs

  [[nodiscard]] std::vector<std::uint8_t> serialize() const;
  static bool parse(std::span<const std::uint8_t> bytes, ChunkResult& out);
  void merge(const ChunkResult& other);  // arms and paired only
};

// Computes chunks; safe to call from several threads at once.
class EnsembleRunner {
 public:
  // Fails when a policy name is unknown.
  static Result<std::unique_ptr<EnsembleRunner>> make(const scenario::Scenario& scenario, EnsembleSpec spec);
  [[nodiscard]] ChunkResult compute(std::uint64_t chunk, std::atomic<std::uint64_t>* runs_done = nullptr) const;
  [[nodiscard]] const EnsembleSpec& spec() const { return spec_; }
  [[nodiscard]] const OutcomeLayout& layout() const { return layout_; }
  [[nodiscard]] const engine::ParameterSampler& sampler() const { return engine_.sampler(); }
  [[nodiscard]] std::uint64_t chunks() const { return chunk_count(spec_.runs, spec_.chunk_size); }
  [[nodiscard]] ChunkResult empty_result() const;

 private:
  EnsembleRunner(const scenario::Scenario& scenario, EnsembleSpec spec);
  const scenario::Scenario* scenario_;
  EnsembleSpec spec_;
  engine::Engine engine_;
  OutcomeLayout layout_;
};

// How ranks talk: a single process, or MPI (transport_mpi.cpp, in the detente-mpi program only).
class Transport {
 public:
  virtual ~Transport() = default;
  [[nodiscard]] virtual int rank() const = 0;
  [[nodiscard]] virtual int ranks() const = 0;
  // The root's list replaces every other rank's.
  virtual void broadcast(std::vector<std::uint64_t>& items) = 0;
  virtual void send_to_root(const std::vector<std::uint8_t>& bytes) = 0;
  virtual std::vector<std::uint8_t> receive_from(int rank) = 0;
  // Combines a flag over ranks (true if any rank's is true).
  virtual bool any(bool flag) = 0;
};
[[nodiscard]] std::unique_ptr<Transport> local_transport();
#ifdef DETENTE_WITH_MPI
[[nodiscard]] std::unique_ptr<Transport> mpi_transport(int& argc, char**& argv);
#endif

// Computes the chunks in `todo` (ascending) on `threads` threads of each rank, the k-th chunk of
// the list on rank k mod ranks. On the root, `deliver` is called with each result in list order
// (from the calling thread); other ranks send theirs to the root. Stops early, after the chunks in
// progress, when `stop` becomes true (the chunks delivered form a prefix of `todo`).
void compute_chunks(const EnsembleRunner& runner, std::vector<std::uint64_t> todo, int threads, Transport& transport,
                    const std::function<void(ChunkResult&&)>& deliver, const std::atomic<bool>& stop,
                    std::atomic<std::uint64_t>* runs_done);

// Runs `compute(i)` for i in [0, items) on `threads` threads and hands the results to `deliver` in
// item order on the calling thread. Workers run at most 2·threads items ahead of delivery, so
// memory stays bounded. When `stop` becomes true no new item starts; the items delivered are a
// prefix of the list.
template <typename R>
void ordered_parallel(std::size_t items, int threads, const std::function<R(std::size_t)>& compute,
                      const std::function<void(R&&)>& deliver, const std::atomic<bool>& stop) {
  if (threads <= 1) {
    for (std::size_t i = 0; i < items && !stop.load(); ++i) deliver(compute(i));
    return;
  }
  const std::size_t window = 2 * static_cast<std::size_t>(threads);
  std::mutex mutex;
  std::condition_variable changed;
  std::map<std::size_t, R> ready;
  std::size_t next = 0;
  std::size_t delivered = 0;
  std::size_t running = 0;
  const auto work = [&] {
    std::unique_lock lock(mutex);
    for (;;) {
      changed.wait(lock, [&] { return next >= items || stop.load() || next < delivered + window; });
      if (next >= items || stop.load()) break;
      const std::size_t i = next++;
      ++running;
      lock.unlock();
      R result = compute(i);
      lock.lock();
      --running;
      ready.emplace(i, std::move(result));
      changed.notify_all();
    }
    changed.notify_all();
  };
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) pool.emplace_back(work);
  {
    std::unique_lock lock(mutex);
    while (delivered < items) {
      changed.wait(lock, [&] { return ready.contains(delivered) || ((stop.load() || next >= items) && running == 0); });
      const auto found = ready.find(delivered);
      if (found == ready.end()) break;  // stopped: nothing more will come
      R result = std::move(found->second);
      ready.erase(found);
      ++delivered;
      lock.unlock();
      deliver(std::move(result));
      lock.lock();
      changed.notify_all();
    }
    // Stop when asked to: the remaining workers see `stop` and leave.
    changed.notify_all();
  }
  for (auto& thread : pool) thread.join();
}

}  // namespace detente::ensemble
