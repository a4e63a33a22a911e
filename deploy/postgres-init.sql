-- One database per service (design.md §3): no service can read another's tables.
CREATE DATABASE gateway OWNER happyflow;
CREATE DATABASE allocation OWNER happyflow;
CREATE DATABASE invoicing OWNER happyflow;
CREATE DATABASE payments OWNER happyflow;
