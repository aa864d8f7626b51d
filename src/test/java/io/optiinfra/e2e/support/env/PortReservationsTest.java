package io.optiinfra.e2e.support.env;

import org.testng.annotations.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.testng.Assert.assertThrows;

public class PortReservationsTest {

    @Test
    public void portsComeFromBelowTheEphemeralRangeAndAreFreeToBind() {
        try (PortReservations ports = new PortReservations()) {
            Set<Integer> seen = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                int port = ports.reserve();
                assertThat("port " + port + " (the kernel gives ports of the ephemeral range to outgoing connections)",
                        port, both(greaterThanOrEqualTo(PortReservations.LOWEST)).and(lessThan(PortReservations.ephemeralLow())));
                assertThat("port " + port + " handed out twice", seen.add(port), is(true));
                assertThat("port " + port + " bindable while reserved", PortReservations.bindable(port), is(true));
            }
        }
    }

    @Test
    public void aPortAnotherEnvironmentHoldsIsNeverHandedOut() throws IOException {
        Path locks = Files.createTempDirectory("ports");
        try (PortReservations first = new PortReservations(locks, 41_000, 41_150);
             PortReservations second = new PortReservations(locks, 41_000, 41_150)) {
            Set<Integer> firsts = new HashSet<>();
            for (int i = 0; i < 60; i++) {
                firsts.add(first.reserve());
            }
            for (int i = 0; i < 60; i++) {
                int port = second.reserve();
                assertThat("port " + port + " is locked by the other environment", firsts.contains(port), is(false));
            }
        }
    }

    @Test
    public void aPortSomethingListensOnIsSkipped() throws IOException {
        Path locks = Files.createTempDirectory("ports");
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress("127.0.0.1", 0));
            int taken = busy.getLocalPort();
            try (PortReservations ports = new PortReservations(locks, taken - 100, taken)) {
                Set<Integer> handedOut = exhaust(ports);
                assertThat("ports handed out of " + (taken - 100) + "-" + taken, handedOut, not(empty()));
                assertThat("the port something listens on", handedOut, not(hasItem(taken)));
            }
        }
    }

    @Test
    public void aReleasedPortCanBeReservedAgain() throws IOException {
        Path locks = Files.createTempDirectory("ports");
        try (PortReservations ports = new PortReservations(locks, 42_000, 42_100);
             PortReservations other = new PortReservations(locks, 42_000, 42_100)) {
            Set<Integer> all = exhaust(ports);
            assertThrows(IllegalStateException.class, other::reserve);
            int released = all.iterator().next();
            ports.release(released);
            assertThat(other.reserve(), is(released));
        }
    }

    /** Every port the range gives until it is exhausted (ports other programs use are skipped, so not always all). */
    private static Set<Integer> exhaust(PortReservations ports) {
        Set<Integer> handedOut = new HashSet<>();
        while (handedOut.size() <= 200) {
            try {
                assertThat("handed out twice", handedOut.add(ports.reserve()), is(true));
            } catch (IllegalStateException exhausted) {
                return handedOut;
            }
        }
        throw new AssertionError("more ports handed out than the range holds: " + handedOut.size());
    }
}
