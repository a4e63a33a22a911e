"""Integration events that carry iJw messages between the gateway and the services."""
