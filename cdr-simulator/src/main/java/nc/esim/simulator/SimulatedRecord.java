package nc.esim.simulator;

/** One Kafka record as the carrier sends it: the ICCID key and the bytes of the value. */
public record SimulatedRecord(String key, byte[] value) {
}
