package dev.storefront.users.auth;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/** The pure rules behind accounts: hashing, input rules, client address resolution. */
class CredentialsUnitTest {

    // small parameters: these tests are about the format and logic, not the cost
    private final PasswordHasher hasher = new PasswordHasher(1024, 1, 1);
    private final CredentialRules rules = new CredentialRules(10);

    @Test
    void hashesAreSaltedArgon2idPhcStringsThatVerifyOnlyTheirPassword() {
        String first = hasher.hash("correct horse battery");
        String second = hasher.hash("correct horse battery");
        assertThat(first, startsWith("$argon2id$v=19$m=1024,t=1,p=1$"));
        assertThat(first, not(containsString("correct horse")));
        assertThat(first.equals(second), is(false));
        assertThat(hasher.verify("correct horse battery", first), is(true));
        assertThat(hasher.verify("correct horse batterY", first), is(false));
        assertThat(hasher.verify("correct horse battery", "not-a-hash"), is(false));
        assertThat(hasher.verify("correct horse battery", null), is(false));
    }

    @Test
    void hashesMadeWithOtherParametersStillVerifyAndAskForARehash() {
        PasswordHasher stronger = new PasswordHasher(2048, 2, 1);
        String old = hasher.hash("a long passphrase");
        assertThat(stronger.verify("a long passphrase", old), is(true));
        assertThat(stronger.needsRehash(old), is(true));
        assertThat(stronger.needsRehash(stronger.hash("a long passphrase")), is(false));
    }

    @Test
    void emailsAreTrimmedLowerCasedAndChecked() {
        assertThat(rules.normaliseEmail("  Ada.Lovelace@Example.COM "), is(Optional.of("ada.lovelace@example.com")));
        assertThat(rules.normaliseEmail("no-at-sign.example.com"), is(Optional.empty()));
        assertThat(rules.normaliseEmail("two@@example.com"), is(Optional.empty()));
        assertThat(rules.normaliseEmail("nodot@localhost"), is(Optional.empty()));
        assertThat(rules.normaliseEmail("spaces in@example.com"), is(Optional.empty()));
        assertThat(rules.normaliseEmail("x".repeat(250) + "@example.com"), is(Optional.empty()));
        assertThat(rules.normaliseEmail(null), is(Optional.empty()));
    }

    @Test
    void passwordRulesExplainEachProblem() {
        assertThat(rules.passwordProblems("a good long passphrase", "ada@example.com"), is(empty()));
        assertThat(rules.passwordProblems("short", "ada@example.com"), contains("Password must be at least 10 characters long"));
        assertThat(rules.passwordProblems("x".repeat(129) + "abcd", null), contains("Password must be at most 128 characters long"));
        assertThat(rules.passwordProblems("abababababab", null), contains("Password must not be made of so few different characters"));
        assertThat(rules.passwordProblems("Password123", null), contains("Password is too common; choose one that is harder to guess"));
        assertThat(rules.passwordProblems("grace-secret-99", "grace@example.com"), contains("Password must not contain your email address"));
    }

    @Test
    void forwardedForIsBelievedOnlyFromTrustedProxies() {
        TrustedProxies gateway = TrustedProxies.of("10.0.0.2");
        assertThat(ClientAddress.of("198.51.100.9", Optional.of("203.0.113.1"), gateway), is(Optional.of("198.51.100.9")));
        assertThat(ClientAddress.of("10.0.0.2", Optional.of("203.0.113.1"), gateway), is(Optional.of("203.0.113.1")));
        // a client-supplied first hop cannot hide the address the trusted proxy saw
        assertThat(ClientAddress.of("10.0.0.2", Optional.of("1.2.3.4, 203.0.113.1"), gateway), is(Optional.of("203.0.113.1")));
        assertThat(ClientAddress.of("10.0.0.2", Optional.empty(), gateway), is(Optional.empty()));
        assertThat(ClientAddress.of("10.0.0.2", Optional.of("10.0.0.2"), gateway), is(Optional.empty()));
        assertThat(List.of(ClientAddress.of("10.0.0.2", Optional.of(" 203.0.113.5 ,10.0.0.2"), gateway).orElseThrow()),
                contains("203.0.113.5"));
    }

    @Test
    void trustedProxiesAreAddressesOrCidrRanges() {
        TrustedProxies pods = TrustedProxies.of("10.42.0.0/16", "192.168.1.7", "fd00::/8");
        assertThat(pods.contains("10.42.3.9"), is(true));
        assertThat(pods.contains("10.43.0.1"), is(false));
        assertThat(pods.contains("192.168.1.7"), is(true));
        assertThat(pods.contains("192.168.1.8"), is(false));
        assertThat(pods.contains("fd12:3456::1"), is(true));
        assertThat(pods.contains("fe80::1"), is(false));
        assertThat(pods.contains("localhost"), is(false)); // names are never resolved
        assertThat(TrustedProxies.of("10.0.0.0/12").contains("10.15.255.255"), is(true));
        assertThat(TrustedProxies.of("10.0.0.0/12").contains("10.16.0.0"), is(false));
        // a pod behind a range-trusted gateway is identified by the forwarded client address
        assertThat(ClientAddress.of("10.42.3.9", Optional.of("203.0.113.7"), pods), is(Optional.of("203.0.113.7")));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> TrustedProxies.of("gateway.local"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> TrustedProxies.of("10.0.0.0/33"));
    }
}
