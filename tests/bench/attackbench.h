// confab-bench attack: what an address without an account can do to the server with its default limits. It holds
// connections that never log in, guesses a password from 300 connections at once while someone else logs in, and
// sends junk; it prints what the server kept, evaluated and logged.
#pragma once

namespace confab::bench {

struct AttackOptions
{
    int connections = 1100; // opened by one address that never logs in
    int seconds = 20;       // of password guessing
};

int runAttackBench(const AttackOptions &options);

} // namespace confab::bench
