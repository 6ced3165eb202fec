package com.talkhpb.cloud.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DebianAmiTest {
    @ParameterizedTest(name = "{0} runs {1}")
    @CsvSource({
            "t3.medium, x86_64, debian-12-amd64-*",
            "c6i.large, x86_64, debian-12-amd64-*",
            "g4dn.xlarge, x86_64, debian-12-amd64-*",
            "m5d.metal, x86_64, debian-12-amd64-*",
            "t4g.medium, arm64, debian-12-arm64-*",
            "c7gn.large, arm64, debian-12-arm64-*",
            "m6gd.xlarge, arm64, debian-12-arm64-*",
            "a1.large, arm64, debian-12-arm64-*"})
    void theInstanceFamilyChoosesTheArchitectureOfTheImage(String instanceType, String architecture, String name) {
        DebianAmi ami = DebianAmi.forInstanceType(instanceType);

        assertThat(ami.architecture()).isEqualTo(architecture);
        assertThat(ami.filters()).containsEntry("name", name).containsEntry("architecture", architecture)
                .containsEntry("virtualization-type", "hvm").containsEntry("root-device-type", "ebs");
    }
}
