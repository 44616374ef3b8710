#pragma once

#include <QString>

#include <atomic>
#include <memory>

class QThread;

// A weak mobile link between the engine and a DPI on loopback, for benchmarks and tests: a TCP relay
// that delays each direction, shares one rate cap per direction among all connections (as one radio
// link does), and may drop connections mid-answer. Runs on a thread of its own, so a client blocking
// its own thread on a request does not stall it.
struct LinkProfile
{
    int oneWayDelayMs = 150;              // 300 ms round trip
    qint64 downBitsPerSecond = 1'000'000; // DPI -> device
    qint64 upBitsPerSecond = 500'000;     // device -> DPI
    double dropRate = 0;                  // share of answers cut off (the connection is reset)
    quint32 seed = 1;
};

class LinkEmulator
{
public:
    LinkEmulator(const QString &upstreamHost, quint16 upstreamPort, const LinkProfile &profile);
    ~LinkEmulator();
    LinkEmulator(const LinkEmulator &) = delete;
    LinkEmulator &operator=(const LinkEmulator &) = delete;

    // Where clients connect (127.0.0.1); 0 when the relay could not listen.
    quint16 port() const { return m_port; }
    const LinkProfile &profile() const { return m_profile; }

    struct Counters
    {
        qint64 bytesUp = 0;
        qint64 bytesDown = 0;
        qint64 connections = 0;
        qint64 drops = 0;
    };
    Counters counters() const;

    class Relay;

private:
    LinkProfile m_profile;
    std::unique_ptr<QThread> m_thread;
    Relay *m_relay = nullptr; // lives on m_thread
    quint16 m_port = 0;
};
