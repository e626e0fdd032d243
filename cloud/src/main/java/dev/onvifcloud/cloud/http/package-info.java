/**
 * The cloud's HTTPS API server: Netty stays inside this package. {@link dev.onvifcloud.cloud.http.ApiServer}
 * serves TLS 1.3/1.2 only (HTTP/2 or HTTP/1.1 by ALPN), routes by method and exact path
 * ({@link dev.onvifcloud.cloud.http.Route}) to {@link dev.onvifcloud.cloud.http.ApiHandler}s that see our own
 * {@link dev.onvifcloud.cloud.http.ApiRequest} and answer an {@link dev.onvifcloud.cloud.http.ApiResponse}, and
 * answers protocol problems itself with the fixed bodies of {@link dev.onvifcloud.cloud.http.HttpProblem}.
 */
package dev.onvifcloud.cloud.http;
