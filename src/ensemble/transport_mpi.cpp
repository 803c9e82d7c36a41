// The MPI transport (Open MPI): rank 0 writes the results; every other rank sends its chunk
// summaries to it, in the order it computed them (MPI keeps the order of messages between two
// ranks on one tag). Only the calling thread uses MPI (MPI_THREAD_FUNNELED).
#include <mpi.h>

#include <chrono>
#include <stdexcept>
#include <thread>

#include "ensemble/ensemble.h"

namespace detente::ensemble {
namespace {

constexpr int kChunkTag = 7;

// Open MPI spins while a blocking call waits, which would take a core from the threads computing
// runs; a chunk takes far longer than a millisecond, so waiting politely costs nothing.
void pause() { std::this_thread::sleep_for(std::chrono::milliseconds(1)); }

class MpiTransport final : public Transport {
 public:
  MpiTransport(int& argc, char**& argv) {
    int provided = 0;
    MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &ranks_);
  }
  ~MpiTransport() override {
    // A rank that finishes first waits here for the others without spinning (MPI_Finalize would).
    MPI_Request request;
    MPI_Ibarrier(MPI_COMM_WORLD, &request);
    for (int done = 0;;) {
      MPI_Test(&request, &done, MPI_STATUS_IGNORE);
      if (done != 0) break;
      pause();
    }
    MPI_Finalize();
  }
  MpiTransport(const MpiTransport&) = delete;
  MpiTransport& operator=(const MpiTransport&) = delete;

  [[nodiscard]] int rank() const override { return rank_; }
  [[nodiscard]] int ranks() const override { return ranks_; }

  void broadcast(std::vector<std::uint64_t>& items) override {
    unsigned long long size = items.size();
    MPI_Bcast(&size, 1, MPI_UNSIGNED_LONG_LONG, 0, MPI_COMM_WORLD);
    items.resize(size);
    if (size > 0) MPI_Bcast(items.data(), static_cast<int>(size), MPI_UINT64_T, 0, MPI_COMM_WORLD);
  }

  void send_to_root(const std::vector<std::uint8_t>& bytes) override {
    MPI_Request request;
    MPI_Isend(bytes.data(), static_cast<int>(bytes.size()), MPI_BYTE, 0, kChunkTag, MPI_COMM_WORLD, &request);
    for (int done = 0;;) {
      MPI_Test(&request, &done, MPI_STATUS_IGNORE);
      if (done != 0) break;
      pause();
    }
  }

  std::vector<std::uint8_t> receive_from(int source) override {
    MPI_Status status;
    for (int arrived = 0;;) {
      MPI_Iprobe(source, kChunkTag, MPI_COMM_WORLD, &arrived, &status);
      if (arrived != 0) break;
      pause();
    }
    int count = 0;
    MPI_Get_count(&status, MPI_BYTE, &count);
    std::vector<std::uint8_t> bytes(static_cast<std::size_t>(count));
    MPI_Recv(bytes.data(), count, MPI_BYTE, source, kChunkTag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    return bytes;
  }

  bool any(bool flag) override {
    int local = flag ? 1 : 0;
    int global = 0;
    MPI_Allreduce(&local, &global, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
    return global != 0;
  }

 private:
  int rank_ = 0;
  int ranks_ = 1;
};

}  // namespace

std::unique_ptr<Transport> mpi_transport(int& argc, char**& argv) { return std::make_unique<MpiTransport>(argc, argv); }

}  // namespace detente::ensemble
