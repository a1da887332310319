// The ESM public surface: `import { mount, validate } from "progressive-profile"`.
export { mount } from "./widget";
export type { Widget, MountOptions, EventType, EventDetail, EventHandler } from "./widget";
export { validate } from "./config/validate";
export type { ValidationResult, ConfigError } from "./config/validate";
export { defineElement } from "./element";
export type { Config, ConfigInput, Question } from "./config/schema";
export type { DeliveryMessage, AnswerValue, Answers } from "./core/types";
export type { ErrorCode, WidgetError } from "./errors";
