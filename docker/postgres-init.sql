-- One database per service, on one server (as in development).
create database esim_billing;
create database esim_usage;
create database esim_notification;
