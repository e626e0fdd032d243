package dev.onvifcloud.cloud.provisioning.worker;

/**
 * The kinds of steps of a sharing operation, named as the ONVIF operation each carries out on the camera, in the
 * order they run.
 */
public enum SharingStep {
    /** tas:UploadCertificate, once per distinct trust anchor. */
    UploadCertificate,
    /** tas:CreateCertPathValidationPolicy, once per certPathValidationPolicy. */
    CreateCertPathValidationPolicy,
    /** tas:CreateECCKeyPair (secp256r1). */
    CreateECCKeyPair,
    /** tas:GetKeyStatus until ok, then tas:CreatePKCS10CSR with that key. */
    CreatePKCS10CSR,
    /** tas:CreateAuthorizationServerConfiguration, once per authorizationServerConfiguration. */
    CreateAuthorizationServerConfiguration,
    /** tup:SetUplink, once per uplinkConfiguration. */
    SetUplink
}
