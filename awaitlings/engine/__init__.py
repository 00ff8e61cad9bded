"""What runs inside the test process: the pytest plugin, the event loops and virtual clock, the
heartbeat, the fakes and servers, the probes test authors use, and the progress box.
Imports only the manifest and results layer below it."""
