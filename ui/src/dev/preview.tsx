// Entry of preview.html: the real app on top of the fake backend.
import { installFakeBackend } from "./fakeBackend";

installFakeBackend(new URLSearchParams(window.location.search));
await import("../main");
