package io.handoff.common.topic;

/** Kafka did not answer the {@link TopicProvisioner} in time: nothing can be said about the topics. */
public class TopicsUnreachableException extends RuntimeException {
    public TopicsUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
