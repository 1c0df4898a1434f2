/**
 * The model gateway implementation: configuration ({@link com.astradesk.model.ModelConfig}) and the factory
 * ({@link com.astradesk.model.ModelGateways}) over langchain4j providers (OpenAI, vLLM, Ollama, Bedrock).
 */
package com.astradesk.model;
