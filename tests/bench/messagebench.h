// confab-bench messages: N simulated clients on loopback sending one-to-one messages to random others, first as
// fast as acknowledgements allow (durable messages per second), then at a fixed total rate (end-to-end latency
// from the sender's send to the recipient's push, server CPU per 10,000 messages); every message is counted
// from sending to delivery, so losses and duplicates show. Beside the latencies it prints what the host took
// meanwhile: CPU time stolen by other guests and the time the data disk sat on writes without finishing any.
// confab-bench connections: idle authenticated connections, and the server memory each costs.
#pragma once

#include <QString>

namespace confab::bench {

struct LoadOptions
{
    int clients = 1000;
    int rate = 5000; // messages per second in the fixed-rate phase
    int seconds = 5; // length of each phase
    int window = 4;  // unacknowledged messages per client in the saturation phase
    QString server;  // HOST:PORT of a running server; empty: start one
};

int runMessageBench(const LoadOptions &options);
int runConnectionBench(int count);

} // namespace confab::bench
