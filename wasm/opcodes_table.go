// This file is the single definition of every instruction's binary opcode,
// text-format name, immediate shape and (where fixed) stack signature.
// The decoder, encoder, validator, text parser and compiler all read it.

package wasm

// The opcodes of every instruction Sable decodes. A prefixed opcode is
// prefix<<16 | sub-opcode; see Op.
const (
	OpUnreachable                   Op = 0x00             // unreachable
	OpNop                           Op = 0x01             // nop
	OpBlock                         Op = 0x02             // block
	OpLoop                          Op = 0x03             // loop
	OpIf                            Op = 0x04             // if
	OpElse                          Op = 0x05             // else
	OpTry                           Op = 0x06             // try
	OpCatch                         Op = 0x07             // catch
	OpThrow                         Op = 0x08             // throw
	OpRethrow                       Op = 0x09             // rethrow
	OpThrowRef                      Op = 0x0a             // throw_ref
	OpEnd                           Op = 0x0b             // end
	OpBr                            Op = 0x0c             // br
	OpBrIf                          Op = 0x0d             // br_if
	OpBrTable                       Op = 0x0e             // br_table
	OpReturn                        Op = 0x0f             // return
	OpCall                          Op = 0x10             // call
	OpCallIndirect                  Op = 0x11             // call_indirect
	OpReturnCall                    Op = 0x12             // return_call
	OpReturnCallIndirect            Op = 0x13             // return_call_indirect
	OpCallRef                       Op = 0x14             // call_ref
	OpReturnCallRef                 Op = 0x15             // return_call_ref
	OpDelegate                      Op = 0x18             // delegate
	OpCatchAll                      Op = 0x19             // catch_all
	OpDrop                          Op = 0x1a             // drop
	OpSelect                        Op = 0x1b             // select
	OpSelectT                       Op = 0x1c             // select_t
	OpTryTable                      Op = 0x1f             // try_table
	OpLocalGet                      Op = 0x20             // local.get
	OpLocalSet                      Op = 0x21             // local.set
	OpLocalTee                      Op = 0x22             // local.tee
	OpGlobalGet                     Op = 0x23             // global.get
	OpGlobalSet                     Op = 0x24             // global.set
	OpTableGet                      Op = 0x25             // table.get
	OpTableSet                      Op = 0x26             // table.set
	OpI32Load                       Op = 0x28             // i32.load
	OpI64Load                       Op = 0x29             // i64.load
	OpF32Load                       Op = 0x2a             // f32.load
	OpF64Load                       Op = 0x2b             // f64.load
	OpI32Load8S                     Op = 0x2c             // i32.load8_s
	OpI32Load8U                     Op = 0x2d             // i32.load8_u
	OpI32Load16S                    Op = 0x2e             // i32.load16_s
	OpI32Load16U                    Op = 0x2f             // i32.load16_u
	OpI64Load8S                     Op = 0x30             // i64.load8_s
	OpI64Load8U                     Op = 0x31             // i64.load8_u
	OpI64Load16S                    Op = 0x32             // i64.load16_s
	OpI64Load16U                    Op = 0x33             // i64.load16_u
	OpI64Load32S                    Op = 0x34             // i64.load32_s
	OpI64Load32U                    Op = 0x35             // i64.load32_u
	OpI32Store                      Op = 0x36             // i32.store
	OpI64Store                      Op = 0x37             // i64.store
	OpF32Store                      Op = 0x38             // f32.store
	OpF64Store                      Op = 0x39             // f64.store
	OpI32Store8                     Op = 0x3a             // i32.store8
	OpI32Store16                    Op = 0x3b             // i32.store16
	OpI64Store8                     Op = 0x3c             // i64.store8
	OpI64Store16                    Op = 0x3d             // i64.store16
	OpI64Store32                    Op = 0x3e             // i64.store32
	OpMemorySize                    Op = 0x3f             // memory.size
	OpMemoryGrow                    Op = 0x40             // memory.grow
	OpI32Const                      Op = 0x41             // i32.const
	OpI64Const                      Op = 0x42             // i64.const
	OpF32Const                      Op = 0x43             // f32.const
	OpF64Const                      Op = 0x44             // f64.const
	OpI32Eqz                        Op = 0x45             // i32.eqz
	OpI32Eq                         Op = 0x46             // i32.eq
	OpI32Ne                         Op = 0x47             // i32.ne
	OpI32LtS                        Op = 0x48             // i32.lt_s
	OpI32LtU                        Op = 0x49             // i32.lt_u
	OpI32GtS                        Op = 0x4a             // i32.gt_s
	OpI32GtU                        Op = 0x4b             // i32.gt_u
	OpI32LeS                        Op = 0x4c             // i32.le_s
	OpI32LeU                        Op = 0x4d             // i32.le_u
	OpI32GeS                        Op = 0x4e             // i32.ge_s
	OpI32GeU                        Op = 0x4f             // i32.ge_u
	OpI64Eqz                        Op = 0x50             // i64.eqz
	OpI64Eq                         Op = 0x51             // i64.eq
	OpI64Ne                         Op = 0x52             // i64.ne
	OpI64LtS                        Op = 0x53             // i64.lt_s
	OpI64LtU                        Op = 0x54             // i64.lt_u
	OpI64GtS                        Op = 0x55             // i64.gt_s
	OpI64GtU                        Op = 0x56             // i64.gt_u
	OpI64LeS                        Op = 0x57             // i64.le_s
	OpI64LeU                        Op = 0x58             // i64.le_u
	OpI64GeS                        Op = 0x59             // i64.ge_s
	OpI64GeU                        Op = 0x5a             // i64.ge_u
	OpF32Eq                         Op = 0x5b             // f32.eq
	OpF32Ne                         Op = 0x5c             // f32.ne
	OpF32Lt                         Op = 0x5d             // f32.lt
	OpF32Gt                         Op = 0x5e             // f32.gt
	OpF32Le                         Op = 0x5f             // f32.le
	OpF32Ge                         Op = 0x60             // f32.ge
	OpF64Eq                         Op = 0x61             // f64.eq
	OpF64Ne                         Op = 0x62             // f64.ne
	OpF64Lt                         Op = 0x63             // f64.lt
	OpF64Gt                         Op = 0x64             // f64.gt
	OpF64Le                         Op = 0x65             // f64.le
	OpF64Ge                         Op = 0x66             // f64.ge
	OpI32Clz                        Op = 0x67             // i32.clz
	OpI32Ctz                        Op = 0x68             // i32.ctz
	OpI32Popcnt                     Op = 0x69             // i32.popcnt
	OpI32Add                        Op = 0x6a             // i32.add
	OpI32Sub                        Op = 0x6b             // i32.sub
	OpI32Mul                        Op = 0x6c             // i32.mul
	OpI32DivS                       Op = 0x6d             // i32.div_s
	OpI32DivU                       Op = 0x6e             // i32.div_u
	OpI32RemS                       Op = 0x6f             // i32.rem_s
	OpI32RemU                       Op = 0x70             // i32.rem_u
	OpI32And                        Op = 0x71             // i32.and
	OpI32Or                         Op = 0x72             // i32.or
	OpI32Xor                        Op = 0x73             // i32.xor
	OpI32Shl                        Op = 0x74             // i32.shl
	OpI32ShrS                       Op = 0x75             // i32.shr_s
	OpI32ShrU                       Op = 0x76             // i32.shr_u
	OpI32Rotl                       Op = 0x77             // i32.rotl
	OpI32Rotr                       Op = 0x78             // i32.rotr
	OpI64Clz                        Op = 0x79             // i64.clz
	OpI64Ctz                        Op = 0x7a             // i64.ctz
	OpI64Popcnt                     Op = 0x7b             // i64.popcnt
	OpI64Add                        Op = 0x7c             // i64.add
	OpI64Sub                        Op = 0x7d             // i64.sub
	OpI64Mul                        Op = 0x7e             // i64.mul
	OpI64DivS                       Op = 0x7f             // i64.div_s
	OpI64DivU                       Op = 0x80             // i64.div_u
	OpI64RemS                       Op = 0x81             // i64.rem_s
	OpI64RemU                       Op = 0x82             // i64.rem_u
	OpI64And                        Op = 0x83             // i64.and
	OpI64Or                         Op = 0x84             // i64.or
	OpI64Xor                        Op = 0x85             // i64.xor
	OpI64Shl                        Op = 0x86             // i64.shl
	OpI64ShrS                       Op = 0x87             // i64.shr_s
	OpI64ShrU                       Op = 0x88             // i64.shr_u
	OpI64Rotl                       Op = 0x89             // i64.rotl
	OpI64Rotr                       Op = 0x8a             // i64.rotr
	OpF32Abs                        Op = 0x8b             // f32.abs
	OpF32Neg                        Op = 0x8c             // f32.neg
	OpF32Ceil                       Op = 0x8d             // f32.ceil
	OpF32Floor                      Op = 0x8e             // f32.floor
	OpF32Trunc                      Op = 0x8f             // f32.trunc
	OpF32Nearest                    Op = 0x90             // f32.nearest
	OpF32Sqrt                       Op = 0x91             // f32.sqrt
	OpF32Add                        Op = 0x92             // f32.add
	OpF32Sub                        Op = 0x93             // f32.sub
	OpF32Mul                        Op = 0x94             // f32.mul
	OpF32Div                        Op = 0x95             // f32.div
	OpF32Min                        Op = 0x96             // f32.min
	OpF32Max                        Op = 0x97             // f32.max
	OpF32Copysign                   Op = 0x98             // f32.copysign
	OpF64Abs                        Op = 0x99             // f64.abs
	OpF64Neg                        Op = 0x9a             // f64.neg
	OpF64Ceil                       Op = 0x9b             // f64.ceil
	OpF64Floor                      Op = 0x9c             // f64.floor
	OpF64Trunc                      Op = 0x9d             // f64.trunc
	OpF64Nearest                    Op = 0x9e             // f64.nearest
	OpF64Sqrt                       Op = 0x9f             // f64.sqrt
	OpF64Add                        Op = 0xa0             // f64.add
	OpF64Sub                        Op = 0xa1             // f64.sub
	OpF64Mul                        Op = 0xa2             // f64.mul
	OpF64Div                        Op = 0xa3             // f64.div
	OpF64Min                        Op = 0xa4             // f64.min
	OpF64Max                        Op = 0xa5             // f64.max
	OpF64Copysign                   Op = 0xa6             // f64.copysign
	OpI32WrapI64                    Op = 0xa7             // i32.wrap_i64
	OpI32TruncF32S                  Op = 0xa8             // i32.trunc_f32_s
	OpI32TruncF32U                  Op = 0xa9             // i32.trunc_f32_u
	OpI32TruncF64S                  Op = 0xaa             // i32.trunc_f64_s
	OpI32TruncF64U                  Op = 0xab             // i32.trunc_f64_u
	OpI64ExtendI32S                 Op = 0xac             // i64.extend_i32_s
	OpI64ExtendI32U                 Op = 0xad             // i64.extend_i32_u
	OpI64TruncF32S                  Op = 0xae             // i64.trunc_f32_s
	OpI64TruncF32U                  Op = 0xaf             // i64.trunc_f32_u
	OpI64TruncF64S                  Op = 0xb0             // i64.trunc_f64_s
	OpI64TruncF64U                  Op = 0xb1             // i64.trunc_f64_u
	OpF32ConvertI32S                Op = 0xb2             // f32.convert_i32_s
	OpF32ConvertI32U                Op = 0xb3             // f32.convert_i32_u
	OpF32ConvertI64S                Op = 0xb4             // f32.convert_i64_s
	OpF32ConvertI64U                Op = 0xb5             // f32.convert_i64_u
	OpF32DemoteF64                  Op = 0xb6             // f32.demote_f64
	OpF64ConvertI32S                Op = 0xb7             // f64.convert_i32_s
	OpF64ConvertI32U                Op = 0xb8             // f64.convert_i32_u
	OpF64ConvertI64S                Op = 0xb9             // f64.convert_i64_s
	OpF64ConvertI64U                Op = 0xba             // f64.convert_i64_u
	OpF64PromoteF32                 Op = 0xbb             // f64.promote_f32
	OpI32ReinterpretF32             Op = 0xbc             // i32.reinterpret_f32
	OpI64ReinterpretF64             Op = 0xbd             // i64.reinterpret_f64
	OpF32ReinterpretI32             Op = 0xbe             // f32.reinterpret_i32
	OpF64ReinterpretI64             Op = 0xbf             // f64.reinterpret_i64
	OpI32Extend8S                   Op = 0xc0             // i32.extend8_s
	OpI32Extend16S                  Op = 0xc1             // i32.extend16_s
	OpI64Extend8S                   Op = 0xc2             // i64.extend8_s
	OpI64Extend16S                  Op = 0xc3             // i64.extend16_s
	OpI64Extend32S                  Op = 0xc4             // i64.extend32_s
	OpRefNull                       Op = 0xd0             // ref.null
	OpRefIsNull                     Op = 0xd1             // ref.is_null
	OpRefFunc                       Op = 0xd2             // ref.func
	OpRefEq                         Op = 0xd3             // ref.eq
	OpRefAsNonNull                  Op = 0xd4             // ref.as_non_null
	OpBrOnNull                      Op = 0xd5             // br_on_null
	OpBrOnNonNull                   Op = 0xd6             // br_on_non_null
	OpStructNew                     Op = 0xfb<<16 | 0x00  // struct.new
	OpStructNewDefault              Op = 0xfb<<16 | 0x01  // struct.new_default
	OpStructGet                     Op = 0xfb<<16 | 0x02  // struct.get
	OpStructGetS                    Op = 0xfb<<16 | 0x03  // struct.get_s
	OpStructGetU                    Op = 0xfb<<16 | 0x04  // struct.get_u
	OpStructSet                     Op = 0xfb<<16 | 0x05  // struct.set
	OpArrayNew                      Op = 0xfb<<16 | 0x06  // array.new
	OpArrayNewDefault               Op = 0xfb<<16 | 0x07  // array.new_default
	OpArrayNewFixed                 Op = 0xfb<<16 | 0x08  // array.new_fixed
	OpArrayNewData                  Op = 0xfb<<16 | 0x09  // array.new_data
	OpArrayNewElem                  Op = 0xfb<<16 | 0x0a  // array.new_elem
	OpArrayGet                      Op = 0xfb<<16 | 0x0b  // array.get
	OpArrayGetS                     Op = 0xfb<<16 | 0x0c  // array.get_s
	OpArrayGetU                     Op = 0xfb<<16 | 0x0d  // array.get_u
	OpArraySet                      Op = 0xfb<<16 | 0x0e  // array.set
	OpArrayLen                      Op = 0xfb<<16 | 0x0f  // array.len
	OpArrayFill                     Op = 0xfb<<16 | 0x10  // array.fill
	OpArrayCopy                     Op = 0xfb<<16 | 0x11  // array.copy
	OpArrayInitData                 Op = 0xfb<<16 | 0x12  // array.init_data
	OpArrayInitElem                 Op = 0xfb<<16 | 0x13  // array.init_elem
	OpRefTest                       Op = 0xfb<<16 | 0x14  // ref.test
	OpRefTestNull                   Op = 0xfb<<16 | 0x15  // ref.test_null
	OpRefCast                       Op = 0xfb<<16 | 0x16  // ref.cast
	OpRefCastNull                   Op = 0xfb<<16 | 0x17  // ref.cast_null
	OpBrOnCast                      Op = 0xfb<<16 | 0x18  // br_on_cast
	OpBrOnCastFail                  Op = 0xfb<<16 | 0x19  // br_on_cast_fail
	OpAnyConvertExtern              Op = 0xfb<<16 | 0x1a  // any.convert_extern
	OpExternConvertAny              Op = 0xfb<<16 | 0x1b  // extern.convert_any
	OpRefI31                        Op = 0xfb<<16 | 0x1c  // ref.i31
	OpI31GetS                       Op = 0xfb<<16 | 0x1d  // i31.get_s
	OpI31GetU                       Op = 0xfb<<16 | 0x1e  // i31.get_u
	OpI32TruncSatF32S               Op = 0xfc<<16 | 0x00  // i32.trunc_sat_f32_s
	OpI32TruncSatF32U               Op = 0xfc<<16 | 0x01  // i32.trunc_sat_f32_u
	OpI32TruncSatF64S               Op = 0xfc<<16 | 0x02  // i32.trunc_sat_f64_s
	OpI32TruncSatF64U               Op = 0xfc<<16 | 0x03  // i32.trunc_sat_f64_u
	OpI64TruncSatF32S               Op = 0xfc<<16 | 0x04  // i64.trunc_sat_f32_s
	OpI64TruncSatF32U               Op = 0xfc<<16 | 0x05  // i64.trunc_sat_f32_u
	OpI64TruncSatF64S               Op = 0xfc<<16 | 0x06  // i64.trunc_sat_f64_s
	OpI64TruncSatF64U               Op = 0xfc<<16 | 0x07  // i64.trunc_sat_f64_u
	OpMemoryInit                    Op = 0xfc<<16 | 0x08  // memory.init
	OpDataDrop                      Op = 0xfc<<16 | 0x09  // data.drop
	OpMemoryCopy                    Op = 0xfc<<16 | 0x0a  // memory.copy
	OpMemoryFill                    Op = 0xfc<<16 | 0x0b  // memory.fill
	OpTableInit                     Op = 0xfc<<16 | 0x0c  // table.init
	OpElemDrop                      Op = 0xfc<<16 | 0x0d  // elem.drop
	OpTableCopy                     Op = 0xfc<<16 | 0x0e  // table.copy
	OpTableGrow                     Op = 0xfc<<16 | 0x0f  // table.grow
	OpTableSize                     Op = 0xfc<<16 | 0x10  // table.size
	OpTableFill                     Op = 0xfc<<16 | 0x11  // table.fill
	OpV128Load                      Op = 0xfd<<16 | 0x00  // v128.load
	OpV128Load8x8S                  Op = 0xfd<<16 | 0x01  // v128.load8x8_s
	OpV128Load8x8U                  Op = 0xfd<<16 | 0x02  // v128.load8x8_u
	OpV128Load16x4S                 Op = 0xfd<<16 | 0x03  // v128.load16x4_s
	OpV128Load16x4U                 Op = 0xfd<<16 | 0x04  // v128.load16x4_u
	OpV128Load32x2S                 Op = 0xfd<<16 | 0x05  // v128.load32x2_s
	OpV128Load32x2U                 Op = 0xfd<<16 | 0x06  // v128.load32x2_u
	OpV128Load8Splat                Op = 0xfd<<16 | 0x07  // v128.load8_splat
	OpV128Load16Splat               Op = 0xfd<<16 | 0x08  // v128.load16_splat
	OpV128Load32Splat               Op = 0xfd<<16 | 0x09  // v128.load32_splat
	OpV128Load64Splat               Op = 0xfd<<16 | 0x0a  // v128.load64_splat
	OpV128Store                     Op = 0xfd<<16 | 0x0b  // v128.store
	OpV128Const                     Op = 0xfd<<16 | 0x0c  // v128.const
	OpI8x16Shuffle                  Op = 0xfd<<16 | 0x0d  // i8x16.shuffle
	OpI8x16Swizzle                  Op = 0xfd<<16 | 0x0e  // i8x16.swizzle
	OpI8x16Splat                    Op = 0xfd<<16 | 0x0f  // i8x16.splat
	OpI16x8Splat                    Op = 0xfd<<16 | 0x10  // i16x8.splat
	OpI32x4Splat                    Op = 0xfd<<16 | 0x11  // i32x4.splat
	OpI64x2Splat                    Op = 0xfd<<16 | 0x12  // i64x2.splat
	OpF32x4Splat                    Op = 0xfd<<16 | 0x13  // f32x4.splat
	OpF64x2Splat                    Op = 0xfd<<16 | 0x14  // f64x2.splat
	OpI8x16ExtractLaneS             Op = 0xfd<<16 | 0x15  // i8x16.extract_lane_s
	OpI8x16ExtractLaneU             Op = 0xfd<<16 | 0x16  // i8x16.extract_lane_u
	OpI8x16ReplaceLane              Op = 0xfd<<16 | 0x17  // i8x16.replace_lane
	OpI16x8ExtractLaneS             Op = 0xfd<<16 | 0x18  // i16x8.extract_lane_s
	OpI16x8ExtractLaneU             Op = 0xfd<<16 | 0x19  // i16x8.extract_lane_u
	OpI16x8ReplaceLane              Op = 0xfd<<16 | 0x1a  // i16x8.replace_lane
	OpI32x4ExtractLane              Op = 0xfd<<16 | 0x1b  // i32x4.extract_lane
	OpI32x4ReplaceLane              Op = 0xfd<<16 | 0x1c  // i32x4.replace_lane
	OpI64x2ExtractLane              Op = 0xfd<<16 | 0x1d  // i64x2.extract_lane
	OpI64x2ReplaceLane              Op = 0xfd<<16 | 0x1e  // i64x2.replace_lane
	OpF32x4ExtractLane              Op = 0xfd<<16 | 0x1f  // f32x4.extract_lane
	OpF32x4ReplaceLane              Op = 0xfd<<16 | 0x20  // f32x4.replace_lane
	OpF64x2ExtractLane              Op = 0xfd<<16 | 0x21  // f64x2.extract_lane
	OpF64x2ReplaceLane              Op = 0xfd<<16 | 0x22  // f64x2.replace_lane
	OpI8x16Eq                       Op = 0xfd<<16 | 0x23  // i8x16.eq
	OpI8x16Ne                       Op = 0xfd<<16 | 0x24  // i8x16.ne
	OpI8x16LtS                      Op = 0xfd<<16 | 0x25  // i8x16.lt_s
	OpI8x16LtU                      Op = 0xfd<<16 | 0x26  // i8x16.lt_u
	OpI8x16GtS                      Op = 0xfd<<16 | 0x27  // i8x16.gt_s
	OpI8x16GtU                      Op = 0xfd<<16 | 0x28  // i8x16.gt_u
	OpI8x16LeS                      Op = 0xfd<<16 | 0x29  // i8x16.le_s
	OpI8x16LeU                      Op = 0xfd<<16 | 0x2a  // i8x16.le_u
	OpI8x16GeS                      Op = 0xfd<<16 | 0x2b  // i8x16.ge_s
	OpI8x16GeU                      Op = 0xfd<<16 | 0x2c  // i8x16.ge_u
	OpI16x8Eq                       Op = 0xfd<<16 | 0x2d  // i16x8.eq
	OpI16x8Ne                       Op = 0xfd<<16 | 0x2e  // i16x8.ne
	OpI16x8LtS                      Op = 0xfd<<16 | 0x2f  // i16x8.lt_s
	OpI16x8LtU                      Op = 0xfd<<16 | 0x30  // i16x8.lt_u
	OpI16x8GtS                      Op = 0xfd<<16 | 0x31  // i16x8.gt_s
	OpI16x8GtU                      Op = 0xfd<<16 | 0x32  // i16x8.gt_u
	OpI16x8LeS                      Op = 0xfd<<16 | 0x33  // i16x8.le_s
	OpI16x8LeU                      Op = 0xfd<<16 | 0x34  // i16x8.le_u
	OpI16x8GeS                      Op = 0xfd<<16 | 0x35  // i16x8.ge_s
	OpI16x8GeU                      Op = 0xfd<<16 | 0x36  // i16x8.ge_u
	OpI32x4Eq                       Op = 0xfd<<16 | 0x37  // i32x4.eq
	OpI32x4Ne                       Op = 0xfd<<16 | 0x38  // i32x4.ne
	OpI32x4LtS                      Op = 0xfd<<16 | 0x39  // i32x4.lt_s
	OpI32x4LtU                      Op = 0xfd<<16 | 0x3a  // i32x4.lt_u
	OpI32x4GtS                      Op = 0xfd<<16 | 0x3b  // i32x4.gt_s
	OpI32x4GtU                      Op = 0xfd<<16 | 0x3c  // i32x4.gt_u
	OpI32x4LeS                      Op = 0xfd<<16 | 0x3d  // i32x4.le_s
	OpI32x4LeU                      Op = 0xfd<<16 | 0x3e  // i32x4.le_u
	OpI32x4GeS                      Op = 0xfd<<16 | 0x3f  // i32x4.ge_s
	OpI32x4GeU                      Op = 0xfd<<16 | 0x40  // i32x4.ge_u
	OpF32x4Eq                       Op = 0xfd<<16 | 0x41  // f32x4.eq
	OpF32x4Ne                       Op = 0xfd<<16 | 0x42  // f32x4.ne
	OpF32x4Lt                       Op = 0xfd<<16 | 0x43  // f32x4.lt
	OpF32x4Gt                       Op = 0xfd<<16 | 0x44  // f32x4.gt
	OpF32x4Le                       Op = 0xfd<<16 | 0x45  // f32x4.le
	OpF32x4Ge                       Op = 0xfd<<16 | 0x46  // f32x4.ge
	OpF64x2Eq                       Op = 0xfd<<16 | 0x47  // f64x2.eq
	OpF64x2Ne                       Op = 0xfd<<16 | 0x48  // f64x2.ne
	OpF64x2Lt                       Op = 0xfd<<16 | 0x49  // f64x2.lt
	OpF64x2Gt                       Op = 0xfd<<16 | 0x4a  // f64x2.gt
	OpF64x2Le                       Op = 0xfd<<16 | 0x4b  // f64x2.le
	OpF64x2Ge                       Op = 0xfd<<16 | 0x4c  // f64x2.ge
	OpV128Not                       Op = 0xfd<<16 | 0x4d  // v128.not
	OpV128And                       Op = 0xfd<<16 | 0x4e  // v128.and
	OpV128Andnot                    Op = 0xfd<<16 | 0x4f  // v128.andnot
	OpV128Or                        Op = 0xfd<<16 | 0x50  // v128.or
	OpV128Xor                       Op = 0xfd<<16 | 0x51  // v128.xor
	OpV128Bitselect                 Op = 0xfd<<16 | 0x52  // v128.bitselect
	OpV128AnyTrue                   Op = 0xfd<<16 | 0x53  // v128.any_true
	OpV128Load8Lane                 Op = 0xfd<<16 | 0x54  // v128.load8_lane
	OpV128Load16Lane                Op = 0xfd<<16 | 0x55  // v128.load16_lane
	OpV128Load32Lane                Op = 0xfd<<16 | 0x56  // v128.load32_lane
	OpV128Load64Lane                Op = 0xfd<<16 | 0x57  // v128.load64_lane
	OpV128Store8Lane                Op = 0xfd<<16 | 0x58  // v128.store8_lane
	OpV128Store16Lane               Op = 0xfd<<16 | 0x59  // v128.store16_lane
	OpV128Store32Lane               Op = 0xfd<<16 | 0x5a  // v128.store32_lane
	OpV128Store64Lane               Op = 0xfd<<16 | 0x5b  // v128.store64_lane
	OpV128Load32Zero                Op = 0xfd<<16 | 0x5c  // v128.load32_zero
	OpV128Load64Zero                Op = 0xfd<<16 | 0x5d  // v128.load64_zero
	OpF32x4DemoteF64x2Zero          Op = 0xfd<<16 | 0x5e  // f32x4.demote_f64x2_zero
	OpF64x2PromoteLowF32x4          Op = 0xfd<<16 | 0x5f  // f64x2.promote_low_f32x4
	OpI8x16Abs                      Op = 0xfd<<16 | 0x60  // i8x16.abs
	OpI8x16Neg                      Op = 0xfd<<16 | 0x61  // i8x16.neg
	OpI8x16Popcnt                   Op = 0xfd<<16 | 0x62  // i8x16.popcnt
	OpI8x16AllTrue                  Op = 0xfd<<16 | 0x63  // i8x16.all_true
	OpI8x16Bitmask                  Op = 0xfd<<16 | 0x64  // i8x16.bitmask
	OpI8x16NarrowI16x8S             Op = 0xfd<<16 | 0x65  // i8x16.narrow_i16x8_s
	OpI8x16NarrowI16x8U             Op = 0xfd<<16 | 0x66  // i8x16.narrow_i16x8_u
	OpF32x4Ceil                     Op = 0xfd<<16 | 0x67  // f32x4.ceil
	OpF32x4Floor                    Op = 0xfd<<16 | 0x68  // f32x4.floor
	OpF32x4Trunc                    Op = 0xfd<<16 | 0x69  // f32x4.trunc
	OpF32x4Nearest                  Op = 0xfd<<16 | 0x6a  // f32x4.nearest
	OpI8x16Shl                      Op = 0xfd<<16 | 0x6b  // i8x16.shl
	OpI8x16ShrS                     Op = 0xfd<<16 | 0x6c  // i8x16.shr_s
	OpI8x16ShrU                     Op = 0xfd<<16 | 0x6d  // i8x16.shr_u
	OpI8x16Add                      Op = 0xfd<<16 | 0x6e  // i8x16.add
	OpI8x16AddSatS                  Op = 0xfd<<16 | 0x6f  // i8x16.add_sat_s
	OpI8x16AddSatU                  Op = 0xfd<<16 | 0x70  // i8x16.add_sat_u
	OpI8x16Sub                      Op = 0xfd<<16 | 0x71  // i8x16.sub
	OpI8x16SubSatS                  Op = 0xfd<<16 | 0x72  // i8x16.sub_sat_s
	OpI8x16SubSatU                  Op = 0xfd<<16 | 0x73  // i8x16.sub_sat_u
	OpF64x2Ceil                     Op = 0xfd<<16 | 0x74  // f64x2.ceil
	OpF64x2Floor                    Op = 0xfd<<16 | 0x75  // f64x2.floor
	OpI8x16MinS                     Op = 0xfd<<16 | 0x76  // i8x16.min_s
	OpI8x16MinU                     Op = 0xfd<<16 | 0x77  // i8x16.min_u
	OpI8x16MaxS                     Op = 0xfd<<16 | 0x78  // i8x16.max_s
	OpI8x16MaxU                     Op = 0xfd<<16 | 0x79  // i8x16.max_u
	OpF64x2Trunc                    Op = 0xfd<<16 | 0x7a  // f64x2.trunc
	OpI8x16AvgrU                    Op = 0xfd<<16 | 0x7b  // i8x16.avgr_u
	OpI16x8ExtaddPairwiseI8x16S     Op = 0xfd<<16 | 0x7c  // i16x8.extadd_pairwise_i8x16_s
	OpI16x8ExtaddPairwiseI8x16U     Op = 0xfd<<16 | 0x7d  // i16x8.extadd_pairwise_i8x16_u
	OpI32x4ExtaddPairwiseI16x8S     Op = 0xfd<<16 | 0x7e  // i32x4.extadd_pairwise_i16x8_s
	OpI32x4ExtaddPairwiseI16x8U     Op = 0xfd<<16 | 0x7f  // i32x4.extadd_pairwise_i16x8_u
	OpI16x8Abs                      Op = 0xfd<<16 | 0x80  // i16x8.abs
	OpI16x8Neg                      Op = 0xfd<<16 | 0x81  // i16x8.neg
	OpI16x8Q15mulrSatS              Op = 0xfd<<16 | 0x82  // i16x8.q15mulr_sat_s
	OpI16x8AllTrue                  Op = 0xfd<<16 | 0x83  // i16x8.all_true
	OpI16x8Bitmask                  Op = 0xfd<<16 | 0x84  // i16x8.bitmask
	OpI16x8NarrowI32x4S             Op = 0xfd<<16 | 0x85  // i16x8.narrow_i32x4_s
	OpI16x8NarrowI32x4U             Op = 0xfd<<16 | 0x86  // i16x8.narrow_i32x4_u
	OpI16x8ExtendLowI8x16S          Op = 0xfd<<16 | 0x87  // i16x8.extend_low_i8x16_s
	OpI16x8ExtendHighI8x16S         Op = 0xfd<<16 | 0x88  // i16x8.extend_high_i8x16_s
	OpI16x8ExtendLowI8x16U          Op = 0xfd<<16 | 0x89  // i16x8.extend_low_i8x16_u
	OpI16x8ExtendHighI8x16U         Op = 0xfd<<16 | 0x8a  // i16x8.extend_high_i8x16_u
	OpI16x8Shl                      Op = 0xfd<<16 | 0x8b  // i16x8.shl
	OpI16x8ShrS                     Op = 0xfd<<16 | 0x8c  // i16x8.shr_s
	OpI16x8ShrU                     Op = 0xfd<<16 | 0x8d  // i16x8.shr_u
	OpI16x8Add                      Op = 0xfd<<16 | 0x8e  // i16x8.add
	OpI16x8AddSatS                  Op = 0xfd<<16 | 0x8f  // i16x8.add_sat_s
	OpI16x8AddSatU                  Op = 0xfd<<16 | 0x90  // i16x8.add_sat_u
	OpI16x8Sub                      Op = 0xfd<<16 | 0x91  // i16x8.sub
	OpI16x8SubSatS                  Op = 0xfd<<16 | 0x92  // i16x8.sub_sat_s
	OpI16x8SubSatU                  Op = 0xfd<<16 | 0x93  // i16x8.sub_sat_u
	OpF64x2Nearest                  Op = 0xfd<<16 | 0x94  // f64x2.nearest
	OpI16x8Mul                      Op = 0xfd<<16 | 0x95  // i16x8.mul
	OpI16x8MinS                     Op = 0xfd<<16 | 0x96  // i16x8.min_s
	OpI16x8MinU                     Op = 0xfd<<16 | 0x97  // i16x8.min_u
	OpI16x8MaxS                     Op = 0xfd<<16 | 0x98  // i16x8.max_s
	OpI16x8MaxU                     Op = 0xfd<<16 | 0x99  // i16x8.max_u
	OpI16x8AvgrU                    Op = 0xfd<<16 | 0x9b  // i16x8.avgr_u
	OpI16x8ExtmulLowI8x16S          Op = 0xfd<<16 | 0x9c  // i16x8.extmul_low_i8x16_s
	OpI16x8ExtmulHighI8x16S         Op = 0xfd<<16 | 0x9d  // i16x8.extmul_high_i8x16_s
	OpI16x8ExtmulLowI8x16U          Op = 0xfd<<16 | 0x9e  // i16x8.extmul_low_i8x16_u
	OpI16x8ExtmulHighI8x16U         Op = 0xfd<<16 | 0x9f  // i16x8.extmul_high_i8x16_u
	OpI32x4Abs                      Op = 0xfd<<16 | 0xa0  // i32x4.abs
	OpI32x4Neg                      Op = 0xfd<<16 | 0xa1  // i32x4.neg
	OpI32x4AllTrue                  Op = 0xfd<<16 | 0xa3  // i32x4.all_true
	OpI32x4Bitmask                  Op = 0xfd<<16 | 0xa4  // i32x4.bitmask
	OpI32x4ExtendLowI16x8S          Op = 0xfd<<16 | 0xa7  // i32x4.extend_low_i16x8_s
	OpI32x4ExtendHighI16x8S         Op = 0xfd<<16 | 0xa8  // i32x4.extend_high_i16x8_s
	OpI32x4ExtendLowI16x8U          Op = 0xfd<<16 | 0xa9  // i32x4.extend_low_i16x8_u
	OpI32x4ExtendHighI16x8U         Op = 0xfd<<16 | 0xaa  // i32x4.extend_high_i16x8_u
	OpI32x4Shl                      Op = 0xfd<<16 | 0xab  // i32x4.shl
	OpI32x4ShrS                     Op = 0xfd<<16 | 0xac  // i32x4.shr_s
	OpI32x4ShrU                     Op = 0xfd<<16 | 0xad  // i32x4.shr_u
	OpI32x4Add                      Op = 0xfd<<16 | 0xae  // i32x4.add
	OpI32x4Sub                      Op = 0xfd<<16 | 0xb1  // i32x4.sub
	OpI32x4Mul                      Op = 0xfd<<16 | 0xb5  // i32x4.mul
	OpI32x4MinS                     Op = 0xfd<<16 | 0xb6  // i32x4.min_s
	OpI32x4MinU                     Op = 0xfd<<16 | 0xb7  // i32x4.min_u
	OpI32x4MaxS                     Op = 0xfd<<16 | 0xb8  // i32x4.max_s
	OpI32x4MaxU                     Op = 0xfd<<16 | 0xb9  // i32x4.max_u
	OpI32x4DotI16x8S                Op = 0xfd<<16 | 0xba  // i32x4.dot_i16x8_s
	OpI32x4ExtmulLowI16x8S          Op = 0xfd<<16 | 0xbc  // i32x4.extmul_low_i16x8_s
	OpI32x4ExtmulHighI16x8S         Op = 0xfd<<16 | 0xbd  // i32x4.extmul_high_i16x8_s
	OpI32x4ExtmulLowI16x8U          Op = 0xfd<<16 | 0xbe  // i32x4.extmul_low_i16x8_u
	OpI32x4ExtmulHighI16x8U         Op = 0xfd<<16 | 0xbf  // i32x4.extmul_high_i16x8_u
	OpI64x2Abs                      Op = 0xfd<<16 | 0xc0  // i64x2.abs
	OpI64x2Neg                      Op = 0xfd<<16 | 0xc1  // i64x2.neg
	OpI64x2AllTrue                  Op = 0xfd<<16 | 0xc3  // i64x2.all_true
	OpI64x2Bitmask                  Op = 0xfd<<16 | 0xc4  // i64x2.bitmask
	OpI64x2ExtendLowI32x4S          Op = 0xfd<<16 | 0xc7  // i64x2.extend_low_i32x4_s
	OpI64x2ExtendHighI32x4S         Op = 0xfd<<16 | 0xc8  // i64x2.extend_high_i32x4_s
	OpI64x2ExtendLowI32x4U          Op = 0xfd<<16 | 0xc9  // i64x2.extend_low_i32x4_u
	OpI64x2ExtendHighI32x4U         Op = 0xfd<<16 | 0xca  // i64x2.extend_high_i32x4_u
	OpI64x2Shl                      Op = 0xfd<<16 | 0xcb  // i64x2.shl
	OpI64x2ShrS                     Op = 0xfd<<16 | 0xcc  // i64x2.shr_s
	OpI64x2ShrU                     Op = 0xfd<<16 | 0xcd  // i64x2.shr_u
	OpI64x2Add                      Op = 0xfd<<16 | 0xce  // i64x2.add
	OpI64x2Sub                      Op = 0xfd<<16 | 0xd1  // i64x2.sub
	OpI64x2Mul                      Op = 0xfd<<16 | 0xd5  // i64x2.mul
	OpI64x2Eq                       Op = 0xfd<<16 | 0xd6  // i64x2.eq
	OpI64x2Ne                       Op = 0xfd<<16 | 0xd7  // i64x2.ne
	OpI64x2LtS                      Op = 0xfd<<16 | 0xd8  // i64x2.lt_s
	OpI64x2GtS                      Op = 0xfd<<16 | 0xd9  // i64x2.gt_s
	OpI64x2LeS                      Op = 0xfd<<16 | 0xda  // i64x2.le_s
	OpI64x2GeS                      Op = 0xfd<<16 | 0xdb  // i64x2.ge_s
	OpI64x2ExtmulLowI32x4S          Op = 0xfd<<16 | 0xdc  // i64x2.extmul_low_i32x4_s
	OpI64x2ExtmulHighI32x4S         Op = 0xfd<<16 | 0xdd  // i64x2.extmul_high_i32x4_s
	OpI64x2ExtmulLowI32x4U          Op = 0xfd<<16 | 0xde  // i64x2.extmul_low_i32x4_u
	OpI64x2ExtmulHighI32x4U         Op = 0xfd<<16 | 0xdf  // i64x2.extmul_high_i32x4_u
	OpF32x4Abs                      Op = 0xfd<<16 | 0xe0  // f32x4.abs
	OpF32x4Neg                      Op = 0xfd<<16 | 0xe1  // f32x4.neg
	OpF32x4Sqrt                     Op = 0xfd<<16 | 0xe3  // f32x4.sqrt
	OpF32x4Add                      Op = 0xfd<<16 | 0xe4  // f32x4.add
	OpF32x4Sub                      Op = 0xfd<<16 | 0xe5  // f32x4.sub
	OpF32x4Mul                      Op = 0xfd<<16 | 0xe6  // f32x4.mul
	OpF32x4Div                      Op = 0xfd<<16 | 0xe7  // f32x4.div
	OpF32x4Min                      Op = 0xfd<<16 | 0xe8  // f32x4.min
	OpF32x4Max                      Op = 0xfd<<16 | 0xe9  // f32x4.max
	OpF32x4Pmin                     Op = 0xfd<<16 | 0xea  // f32x4.pmin
	OpF32x4Pmax                     Op = 0xfd<<16 | 0xeb  // f32x4.pmax
	OpF64x2Abs                      Op = 0xfd<<16 | 0xec  // f64x2.abs
	OpF64x2Neg                      Op = 0xfd<<16 | 0xed  // f64x2.neg
	OpF64x2Sqrt                     Op = 0xfd<<16 | 0xef  // f64x2.sqrt
	OpF64x2Add                      Op = 0xfd<<16 | 0xf0  // f64x2.add
	OpF64x2Sub                      Op = 0xfd<<16 | 0xf1  // f64x2.sub
	OpF64x2Mul                      Op = 0xfd<<16 | 0xf2  // f64x2.mul
	OpF64x2Div                      Op = 0xfd<<16 | 0xf3  // f64x2.div
	OpF64x2Min                      Op = 0xfd<<16 | 0xf4  // f64x2.min
	OpF64x2Max                      Op = 0xfd<<16 | 0xf5  // f64x2.max
	OpF64x2Pmin                     Op = 0xfd<<16 | 0xf6  // f64x2.pmin
	OpF64x2Pmax                     Op = 0xfd<<16 | 0xf7  // f64x2.pmax
	OpI32x4TruncSatF32x4S           Op = 0xfd<<16 | 0xf8  // i32x4.trunc_sat_f32x4_s
	OpI32x4TruncSatF32x4U           Op = 0xfd<<16 | 0xf9  // i32x4.trunc_sat_f32x4_u
	OpF32x4ConvertI32x4S            Op = 0xfd<<16 | 0xfa  // f32x4.convert_i32x4_s
	OpF32x4ConvertI32x4U            Op = 0xfd<<16 | 0xfb  // f32x4.convert_i32x4_u
	OpI32x4TruncSatF64x2SZero       Op = 0xfd<<16 | 0xfc  // i32x4.trunc_sat_f64x2_s_zero
	OpI32x4TruncSatF64x2UZero       Op = 0xfd<<16 | 0xfd  // i32x4.trunc_sat_f64x2_u_zero
	OpF64x2ConvertLowI32x4S         Op = 0xfd<<16 | 0xfe  // f64x2.convert_low_i32x4_s
	OpF64x2ConvertLowI32x4U         Op = 0xfd<<16 | 0xff  // f64x2.convert_low_i32x4_u
	OpI8x16RelaxedSwizzle           Op = 0xfd<<16 | 0x100 // i8x16.relaxed_swizzle
	OpI32x4RelaxedTruncF32x4S       Op = 0xfd<<16 | 0x101 // i32x4.relaxed_trunc_f32x4_s
	OpI32x4RelaxedTruncF32x4U       Op = 0xfd<<16 | 0x102 // i32x4.relaxed_trunc_f32x4_u
	OpI32x4RelaxedTruncF64x2SZero   Op = 0xfd<<16 | 0x103 // i32x4.relaxed_trunc_f64x2_s_zero
	OpI32x4RelaxedTruncF64x2UZero   Op = 0xfd<<16 | 0x104 // i32x4.relaxed_trunc_f64x2_u_zero
	OpF32x4RelaxedMadd              Op = 0xfd<<16 | 0x105 // f32x4.relaxed_madd
	OpF32x4RelaxedNmadd             Op = 0xfd<<16 | 0x106 // f32x4.relaxed_nmadd
	OpF64x2RelaxedMadd              Op = 0xfd<<16 | 0x107 // f64x2.relaxed_madd
	OpF64x2RelaxedNmadd             Op = 0xfd<<16 | 0x108 // f64x2.relaxed_nmadd
	OpI8x16RelaxedLaneselect        Op = 0xfd<<16 | 0x109 // i8x16.relaxed_laneselect
	OpI16x8RelaxedLaneselect        Op = 0xfd<<16 | 0x10a // i16x8.relaxed_laneselect
	OpI32x4RelaxedLaneselect        Op = 0xfd<<16 | 0x10b // i32x4.relaxed_laneselect
	OpI64x2RelaxedLaneselect        Op = 0xfd<<16 | 0x10c // i64x2.relaxed_laneselect
	OpF32x4RelaxedMin               Op = 0xfd<<16 | 0x10d // f32x4.relaxed_min
	OpF32x4RelaxedMax               Op = 0xfd<<16 | 0x10e // f32x4.relaxed_max
	OpF64x2RelaxedMin               Op = 0xfd<<16 | 0x10f // f64x2.relaxed_min
	OpF64x2RelaxedMax               Op = 0xfd<<16 | 0x110 // f64x2.relaxed_max
	OpI16x8RelaxedQ15mulrS          Op = 0xfd<<16 | 0x111 // i16x8.relaxed_q15mulr_s
	OpI16x8RelaxedDotI8x16I7x16S    Op = 0xfd<<16 | 0x112 // i16x8.relaxed_dot_i8x16_i7x16_s
	OpI32x4RelaxedDotI8x16I7x16AddS Op = 0xfd<<16 | 0x113 // i32x4.relaxed_dot_i8x16_i7x16_add_s
)

// opTable lists every instruction: opcode, text name, immediates, and for
// instructions with a fixed stack signature that signature (see OpInfo.Sig).
var opTable = [...]OpInfo{
	{OpUnreachable, "unreachable", ImmNone, ""},
	{OpNop, "nop", ImmNone, ">"},
	{OpBlock, "block", ImmBlock, ""},
	{OpLoop, "loop", ImmBlock, ""},
	{OpIf, "if", ImmBlock, ""},
	{OpElse, "else", ImmNone, ""},
	{OpTry, "try", ImmBlock, ""},
	{OpCatch, "catch", ImmTag, ""},
	{OpThrow, "throw", ImmTag, ""},
	{OpRethrow, "rethrow", ImmLabel, ""},
	{OpThrowRef, "throw_ref", ImmNone, ""},
	{OpEnd, "end", ImmNone, ""},
	{OpBr, "br", ImmLabel, ""},
	{OpBrIf, "br_if", ImmLabel, ""},
	{OpBrTable, "br_table", ImmBrTable, ""},
	{OpReturn, "return", ImmNone, ""},
	{OpCall, "call", ImmFunc, ""},
	{OpCallIndirect, "call_indirect", ImmCallIndirect, ""},
	{OpReturnCall, "return_call", ImmFunc, ""},
	{OpReturnCallIndirect, "return_call_indirect", ImmCallIndirect, ""},
	{OpCallRef, "call_ref", ImmType, ""},
	{OpReturnCallRef, "return_call_ref", ImmType, ""},
	{OpDelegate, "delegate", ImmLabel, ""},
	{OpCatchAll, "catch_all", ImmNone, ""},
	{OpDrop, "drop", ImmNone, ""},
	{OpSelect, "select", ImmNone, ""},
	{OpSelectT, "select_t", ImmSelectT, ""},
	{OpTryTable, "try_table", ImmTryTable, ""},
	{OpLocalGet, "local.get", ImmLocal, ""},
	{OpLocalSet, "local.set", ImmLocal, ""},
	{OpLocalTee, "local.tee", ImmLocal, ""},
	{OpGlobalGet, "global.get", ImmGlobal, ""},
	{OpGlobalSet, "global.set", ImmGlobal, ""},
	{OpTableGet, "table.get", ImmTable, ""},
	{OpTableSet, "table.set", ImmTable, ""},
	{OpI32Load, "i32.load", ImmMemArg, "a>i"},
	{OpI64Load, "i64.load", ImmMemArg, "a>I"},
	{OpF32Load, "f32.load", ImmMemArg, "a>f"},
	{OpF64Load, "f64.load", ImmMemArg, "a>F"},
	{OpI32Load8S, "i32.load8_s", ImmMemArg, "a>i"},
	{OpI32Load8U, "i32.load8_u", ImmMemArg, "a>i"},
	{OpI32Load16S, "i32.load16_s", ImmMemArg, "a>i"},
	{OpI32Load16U, "i32.load16_u", ImmMemArg, "a>i"},
	{OpI64Load8S, "i64.load8_s", ImmMemArg, "a>I"},
	{OpI64Load8U, "i64.load8_u", ImmMemArg, "a>I"},
	{OpI64Load16S, "i64.load16_s", ImmMemArg, "a>I"},
	{OpI64Load16U, "i64.load16_u", ImmMemArg, "a>I"},
	{OpI64Load32S, "i64.load32_s", ImmMemArg, "a>I"},
	{OpI64Load32U, "i64.load32_u", ImmMemArg, "a>I"},
	{OpI32Store, "i32.store", ImmMemArg, "ai>"},
	{OpI64Store, "i64.store", ImmMemArg, "aI>"},
	{OpF32Store, "f32.store", ImmMemArg, "af>"},
	{OpF64Store, "f64.store", ImmMemArg, "aF>"},
	{OpI32Store8, "i32.store8", ImmMemArg, "ai>"},
	{OpI32Store16, "i32.store16", ImmMemArg, "ai>"},
	{OpI64Store8, "i64.store8", ImmMemArg, "aI>"},
	{OpI64Store16, "i64.store16", ImmMemArg, "aI>"},
	{OpI64Store32, "i64.store32", ImmMemArg, "aI>"},
	{OpMemorySize, "memory.size", ImmMem, ">a"},
	{OpMemoryGrow, "memory.grow", ImmMem, "a>a"},
	{OpI32Const, "i32.const", ImmI32, ">i"},
	{OpI64Const, "i64.const", ImmI64, ">I"},
	{OpF32Const, "f32.const", ImmF32, ">f"},
	{OpF64Const, "f64.const", ImmF64, ">F"},
	{OpI32Eqz, "i32.eqz", ImmNone, "i>i"},
	{OpI32Eq, "i32.eq", ImmNone, "ii>i"},
	{OpI32Ne, "i32.ne", ImmNone, "ii>i"},
	{OpI32LtS, "i32.lt_s", ImmNone, "ii>i"},
	{OpI32LtU, "i32.lt_u", ImmNone, "ii>i"},
	{OpI32GtS, "i32.gt_s", ImmNone, "ii>i"},
	{OpI32GtU, "i32.gt_u", ImmNone, "ii>i"},
	{OpI32LeS, "i32.le_s", ImmNone, "ii>i"},
	{OpI32LeU, "i32.le_u", ImmNone, "ii>i"},
	{OpI32GeS, "i32.ge_s", ImmNone, "ii>i"},
	{OpI32GeU, "i32.ge_u", ImmNone, "ii>i"},
	{OpI64Eqz, "i64.eqz", ImmNone, "I>i"},
	{OpI64Eq, "i64.eq", ImmNone, "II>i"},
	{OpI64Ne, "i64.ne", ImmNone, "II>i"},
	{OpI64LtS, "i64.lt_s", ImmNone, "II>i"},
	{OpI64LtU, "i64.lt_u", ImmNone, "II>i"},
	{OpI64GtS, "i64.gt_s", ImmNone, "II>i"},
	{OpI64GtU, "i64.gt_u", ImmNone, "II>i"},
	{OpI64LeS, "i64.le_s", ImmNone, "II>i"},
	{OpI64LeU, "i64.le_u", ImmNone, "II>i"},
	{OpI64GeS, "i64.ge_s", ImmNone, "II>i"},
	{OpI64GeU, "i64.ge_u", ImmNone, "II>i"},
	{OpF32Eq, "f32.eq", ImmNone, "ff>i"},
	{OpF32Ne, "f32.ne", ImmNone, "ff>i"},
	{OpF32Lt, "f32.lt", ImmNone, "ff>i"},
	{OpF32Gt, "f32.gt", ImmNone, "ff>i"},
	{OpF32Le, "f32.le", ImmNone, "ff>i"},
	{OpF32Ge, "f32.ge", ImmNone, "ff>i"},
	{OpF64Eq, "f64.eq", ImmNone, "FF>i"},
	{OpF64Ne, "f64.ne", ImmNone, "FF>i"},
	{OpF64Lt, "f64.lt", ImmNone, "FF>i"},
	{OpF64Gt, "f64.gt", ImmNone, "FF>i"},
	{OpF64Le, "f64.le", ImmNone, "FF>i"},
	{OpF64Ge, "f64.ge", ImmNone, "FF>i"},
	{OpI32Clz, "i32.clz", ImmNone, "i>i"},
	{OpI32Ctz, "i32.ctz", ImmNone, "i>i"},
	{OpI32Popcnt, "i32.popcnt", ImmNone, "i>i"},
	{OpI32Add, "i32.add", ImmNone, "ii>i"},
	{OpI32Sub, "i32.sub", ImmNone, "ii>i"},
	{OpI32Mul, "i32.mul", ImmNone, "ii>i"},
	{OpI32DivS, "i32.div_s", ImmNone, "ii>i"},
	{OpI32DivU, "i32.div_u", ImmNone, "ii>i"},
	{OpI32RemS, "i32.rem_s", ImmNone, "ii>i"},
	{OpI32RemU, "i32.rem_u", ImmNone, "ii>i"},
	{OpI32And, "i32.and", ImmNone, "ii>i"},
	{OpI32Or, "i32.or", ImmNone, "ii>i"},
	{OpI32Xor, "i32.xor", ImmNone, "ii>i"},
	{OpI32Shl, "i32.shl", ImmNone, "ii>i"},
	{OpI32ShrS, "i32.shr_s", ImmNone, "ii>i"},
	{OpI32ShrU, "i32.shr_u", ImmNone, "ii>i"},
	{OpI32Rotl, "i32.rotl", ImmNone, "ii>i"},
	{OpI32Rotr, "i32.rotr", ImmNone, "ii>i"},
	{OpI64Clz, "i64.clz", ImmNone, "I>I"},
	{OpI64Ctz, "i64.ctz", ImmNone, "I>I"},
	{OpI64Popcnt, "i64.popcnt", ImmNone, "I>I"},
	{OpI64Add, "i64.add", ImmNone, "II>I"},
	{OpI64Sub, "i64.sub", ImmNone, "II>I"},
	{OpI64Mul, "i64.mul", ImmNone, "II>I"},
	{OpI64DivS, "i64.div_s", ImmNone, "II>I"},
	{OpI64DivU, "i64.div_u", ImmNone, "II>I"},
	{OpI64RemS, "i64.rem_s", ImmNone, "II>I"},
	{OpI64RemU, "i64.rem_u", ImmNone, "II>I"},
	{OpI64And, "i64.and", ImmNone, "II>I"},
	{OpI64Or, "i64.or", ImmNone, "II>I"},
	{OpI64Xor, "i64.xor", ImmNone, "II>I"},
	{OpI64Shl, "i64.shl", ImmNone, "II>I"},
	{OpI64ShrS, "i64.shr_s", ImmNone, "II>I"},
	{OpI64ShrU, "i64.shr_u", ImmNone, "II>I"},
	{OpI64Rotl, "i64.rotl", ImmNone, "II>I"},
	{OpI64Rotr, "i64.rotr", ImmNone, "II>I"},
	{OpF32Abs, "f32.abs", ImmNone, "f>f"},
	{OpF32Neg, "f32.neg", ImmNone, "f>f"},
	{OpF32Ceil, "f32.ceil", ImmNone, "f>f"},
	{OpF32Floor, "f32.floor", ImmNone, "f>f"},
	{OpF32Trunc, "f32.trunc", ImmNone, "f>f"},
	{OpF32Nearest, "f32.nearest", ImmNone, "f>f"},
	{OpF32Sqrt, "f32.sqrt", ImmNone, "f>f"},
	{OpF32Add, "f32.add", ImmNone, "ff>f"},
	{OpF32Sub, "f32.sub", ImmNone, "ff>f"},
	{OpF32Mul, "f32.mul", ImmNone, "ff>f"},
	{OpF32Div, "f32.div", ImmNone, "ff>f"},
	{OpF32Min, "f32.min", ImmNone, "ff>f"},
	{OpF32Max, "f32.max", ImmNone, "ff>f"},
	{OpF32Copysign, "f32.copysign", ImmNone, "ff>f"},
	{OpF64Abs, "f64.abs", ImmNone, "F>F"},
	{OpF64Neg, "f64.neg", ImmNone, "F>F"},
	{OpF64Ceil, "f64.ceil", ImmNone, "F>F"},
	{OpF64Floor, "f64.floor", ImmNone, "F>F"},
	{OpF64Trunc, "f64.trunc", ImmNone, "F>F"},
	{OpF64Nearest, "f64.nearest", ImmNone, "F>F"},
	{OpF64Sqrt, "f64.sqrt", ImmNone, "F>F"},
	{OpF64Add, "f64.add", ImmNone, "FF>F"},
	{OpF64Sub, "f64.sub", ImmNone, "FF>F"},
	{OpF64Mul, "f64.mul", ImmNone, "FF>F"},
	{OpF64Div, "f64.div", ImmNone, "FF>F"},
	{OpF64Min, "f64.min", ImmNone, "FF>F"},
	{OpF64Max, "f64.max", ImmNone, "FF>F"},
	{OpF64Copysign, "f64.copysign", ImmNone, "FF>F"},
	{OpI32WrapI64, "i32.wrap_i64", ImmNone, "I>i"},
	{OpI32TruncF32S, "i32.trunc_f32_s", ImmNone, "f>i"},
	{OpI32TruncF32U, "i32.trunc_f32_u", ImmNone, "f>i"},
	{OpI32TruncF64S, "i32.trunc_f64_s", ImmNone, "F>i"},
	{OpI32TruncF64U, "i32.trunc_f64_u", ImmNone, "F>i"},
	{OpI64ExtendI32S, "i64.extend_i32_s", ImmNone, "i>I"},
	{OpI64ExtendI32U, "i64.extend_i32_u", ImmNone, "i>I"},
	{OpI64TruncF32S, "i64.trunc_f32_s", ImmNone, "f>I"},
	{OpI64TruncF32U, "i64.trunc_f32_u", ImmNone, "f>I"},
	{OpI64TruncF64S, "i64.trunc_f64_s", ImmNone, "F>I"},
	{OpI64TruncF64U, "i64.trunc_f64_u", ImmNone, "F>I"},
	{OpF32ConvertI32S, "f32.convert_i32_s", ImmNone, "i>f"},
	{OpF32ConvertI32U, "f32.convert_i32_u", ImmNone, "i>f"},
	{OpF32ConvertI64S, "f32.convert_i64_s", ImmNone, "I>f"},
	{OpF32ConvertI64U, "f32.convert_i64_u", ImmNone, "I>f"},
	{OpF32DemoteF64, "f32.demote_f64", ImmNone, "F>f"},
	{OpF64ConvertI32S, "f64.convert_i32_s", ImmNone, "i>F"},
	{OpF64ConvertI32U, "f64.convert_i32_u", ImmNone, "i>F"},
	{OpF64ConvertI64S, "f64.convert_i64_s", ImmNone, "I>F"},
	{OpF64ConvertI64U, "f64.convert_i64_u", ImmNone, "I>F"},
	{OpF64PromoteF32, "f64.promote_f32", ImmNone, "f>F"},
	{OpI32ReinterpretF32, "i32.reinterpret_f32", ImmNone, "f>i"},
	{OpI64ReinterpretF64, "i64.reinterpret_f64", ImmNone, "F>I"},
	{OpF32ReinterpretI32, "f32.reinterpret_i32", ImmNone, "i>f"},
	{OpF64ReinterpretI64, "f64.reinterpret_i64", ImmNone, "I>F"},
	{OpI32Extend8S, "i32.extend8_s", ImmNone, "i>i"},
	{OpI32Extend16S, "i32.extend16_s", ImmNone, "i>i"},
	{OpI64Extend8S, "i64.extend8_s", ImmNone, "I>I"},
	{OpI64Extend16S, "i64.extend16_s", ImmNone, "I>I"},
	{OpI64Extend32S, "i64.extend32_s", ImmNone, "I>I"},
	{OpRefNull, "ref.null", ImmHeapType, ""},
	{OpRefIsNull, "ref.is_null", ImmNone, ""},
	{OpRefFunc, "ref.func", ImmFunc, ""},
	{OpRefEq, "ref.eq", ImmNone, ""},
	{OpRefAsNonNull, "ref.as_non_null", ImmNone, ""},
	{OpBrOnNull, "br_on_null", ImmLabel, ""},
	{OpBrOnNonNull, "br_on_non_null", ImmLabel, ""},
	{OpStructNew, "struct.new", ImmType, ""},
	{OpStructNewDefault, "struct.new_default", ImmType, ""},
	{OpStructGet, "struct.get", ImmTypeField, ""},
	{OpStructGetS, "struct.get_s", ImmTypeField, ""},
	{OpStructGetU, "struct.get_u", ImmTypeField, ""},
	{OpStructSet, "struct.set", ImmTypeField, ""},
	{OpArrayNew, "array.new", ImmType, ""},
	{OpArrayNewDefault, "array.new_default", ImmType, ""},
	{OpArrayNewFixed, "array.new_fixed", ImmTypeCount, ""},
	{OpArrayNewData, "array.new_data", ImmTypeData, ""},
	{OpArrayNewElem, "array.new_elem", ImmTypeElem, ""},
	{OpArrayGet, "array.get", ImmType, ""},
	{OpArrayGetS, "array.get_s", ImmType, ""},
	{OpArrayGetU, "array.get_u", ImmType, ""},
	{OpArraySet, "array.set", ImmType, ""},
	{OpArrayLen, "array.len", ImmNone, ""},
	{OpArrayFill, "array.fill", ImmType, ""},
	{OpArrayCopy, "array.copy", ImmTypeType, ""},
	{OpArrayInitData, "array.init_data", ImmTypeData, ""},
	{OpArrayInitElem, "array.init_elem", ImmTypeElem, ""},
	{OpRefTest, "ref.test", ImmHeapType, ""},
	{OpRefTestNull, "ref.test_null", ImmHeapType, ""},
	{OpRefCast, "ref.cast", ImmHeapType, ""},
	{OpRefCastNull, "ref.cast_null", ImmHeapType, ""},
	{OpBrOnCast, "br_on_cast", ImmBrOnCast, ""},
	{OpBrOnCastFail, "br_on_cast_fail", ImmBrOnCast, ""},
	{OpAnyConvertExtern, "any.convert_extern", ImmNone, ""},
	{OpExternConvertAny, "extern.convert_any", ImmNone, ""},
	{OpRefI31, "ref.i31", ImmNone, ""},
	{OpI31GetS, "i31.get_s", ImmNone, ""},
	{OpI31GetU, "i31.get_u", ImmNone, ""},
	{OpI32TruncSatF32S, "i32.trunc_sat_f32_s", ImmNone, "f>i"},
	{OpI32TruncSatF32U, "i32.trunc_sat_f32_u", ImmNone, "f>i"},
	{OpI32TruncSatF64S, "i32.trunc_sat_f64_s", ImmNone, "F>i"},
	{OpI32TruncSatF64U, "i32.trunc_sat_f64_u", ImmNone, "F>i"},
	{OpI64TruncSatF32S, "i64.trunc_sat_f32_s", ImmNone, "f>I"},
	{OpI64TruncSatF32U, "i64.trunc_sat_f32_u", ImmNone, "f>I"},
	{OpI64TruncSatF64S, "i64.trunc_sat_f64_s", ImmNone, "F>I"},
	{OpI64TruncSatF64U, "i64.trunc_sat_f64_u", ImmNone, "F>I"},
	{OpMemoryInit, "memory.init", ImmMemInit, ""},
	{OpDataDrop, "data.drop", ImmData, ""},
	{OpMemoryCopy, "memory.copy", ImmMemMem, ""},
	{OpMemoryFill, "memory.fill", ImmMem, "aia>"},
	{OpTableInit, "table.init", ImmTableInit, ""},
	{OpElemDrop, "elem.drop", ImmElem, ""},
	{OpTableCopy, "table.copy", ImmTableTable, ""},
	{OpTableGrow, "table.grow", ImmTable, ""},
	{OpTableSize, "table.size", ImmTable, ""},
	{OpTableFill, "table.fill", ImmTable, ""},
	{OpV128Load, "v128.load", ImmMemArg, "a>v"},
	{OpV128Load8x8S, "v128.load8x8_s", ImmMemArg, "a>v"},
	{OpV128Load8x8U, "v128.load8x8_u", ImmMemArg, "a>v"},
	{OpV128Load16x4S, "v128.load16x4_s", ImmMemArg, "a>v"},
	{OpV128Load16x4U, "v128.load16x4_u", ImmMemArg, "a>v"},
	{OpV128Load32x2S, "v128.load32x2_s", ImmMemArg, "a>v"},
	{OpV128Load32x2U, "v128.load32x2_u", ImmMemArg, "a>v"},
	{OpV128Load8Splat, "v128.load8_splat", ImmMemArg, "a>v"},
	{OpV128Load16Splat, "v128.load16_splat", ImmMemArg, "a>v"},
	{OpV128Load32Splat, "v128.load32_splat", ImmMemArg, "a>v"},
	{OpV128Load64Splat, "v128.load64_splat", ImmMemArg, "a>v"},
	{OpV128Store, "v128.store", ImmMemArg, "av>"},
	{OpV128Const, "v128.const", ImmV128, ">v"},
	{OpI8x16Shuffle, "i8x16.shuffle", ImmShuffle, "vv>v"},
	{OpI8x16Swizzle, "i8x16.swizzle", ImmNone, "vv>v"},
	{OpI8x16Splat, "i8x16.splat", ImmNone, "i>v"},
	{OpI16x8Splat, "i16x8.splat", ImmNone, "i>v"},
	{OpI32x4Splat, "i32x4.splat", ImmNone, "i>v"},
	{OpI64x2Splat, "i64x2.splat", ImmNone, "I>v"},
	{OpF32x4Splat, "f32x4.splat", ImmNone, "f>v"},
	{OpF64x2Splat, "f64x2.splat", ImmNone, "F>v"},
	{OpI8x16ExtractLaneS, "i8x16.extract_lane_s", ImmLane, "v>i"},
	{OpI8x16ExtractLaneU, "i8x16.extract_lane_u", ImmLane, "v>i"},
	{OpI8x16ReplaceLane, "i8x16.replace_lane", ImmLane, "vi>v"},
	{OpI16x8ExtractLaneS, "i16x8.extract_lane_s", ImmLane, "v>i"},
	{OpI16x8ExtractLaneU, "i16x8.extract_lane_u", ImmLane, "v>i"},
	{OpI16x8ReplaceLane, "i16x8.replace_lane", ImmLane, "vi>v"},
	{OpI32x4ExtractLane, "i32x4.extract_lane", ImmLane, "v>i"},
	{OpI32x4ReplaceLane, "i32x4.replace_lane", ImmLane, "vi>v"},
	{OpI64x2ExtractLane, "i64x2.extract_lane", ImmLane, "v>I"},
	{OpI64x2ReplaceLane, "i64x2.replace_lane", ImmLane, "vI>v"},
	{OpF32x4ExtractLane, "f32x4.extract_lane", ImmLane, "v>f"},
	{OpF32x4ReplaceLane, "f32x4.replace_lane", ImmLane, "vf>v"},
	{OpF64x2ExtractLane, "f64x2.extract_lane", ImmLane, "v>F"},
	{OpF64x2ReplaceLane, "f64x2.replace_lane", ImmLane, "vF>v"},
	{OpI8x16Eq, "i8x16.eq", ImmNone, "vv>v"},
	{OpI8x16Ne, "i8x16.ne", ImmNone, "vv>v"},
	{OpI8x16LtS, "i8x16.lt_s", ImmNone, "vv>v"},
	{OpI8x16LtU, "i8x16.lt_u", ImmNone, "vv>v"},
	{OpI8x16GtS, "i8x16.gt_s", ImmNone, "vv>v"},
	{OpI8x16GtU, "i8x16.gt_u", ImmNone, "vv>v"},
	{OpI8x16LeS, "i8x16.le_s", ImmNone, "vv>v"},
	{OpI8x16LeU, "i8x16.le_u", ImmNone, "vv>v"},
	{OpI8x16GeS, "i8x16.ge_s", ImmNone, "vv>v"},
	{OpI8x16GeU, "i8x16.ge_u", ImmNone, "vv>v"},
	{OpI16x8Eq, "i16x8.eq", ImmNone, "vv>v"},
	{OpI16x8Ne, "i16x8.ne", ImmNone, "vv>v"},
	{OpI16x8LtS, "i16x8.lt_s", ImmNone, "vv>v"},
	{OpI16x8LtU, "i16x8.lt_u", ImmNone, "vv>v"},
	{OpI16x8GtS, "i16x8.gt_s", ImmNone, "vv>v"},
	{OpI16x8GtU, "i16x8.gt_u", ImmNone, "vv>v"},
	{OpI16x8LeS, "i16x8.le_s", ImmNone, "vv>v"},
	{OpI16x8LeU, "i16x8.le_u", ImmNone, "vv>v"},
	{OpI16x8GeS, "i16x8.ge_s", ImmNone, "vv>v"},
	{OpI16x8GeU, "i16x8.ge_u", ImmNone, "vv>v"},
	{OpI32x4Eq, "i32x4.eq", ImmNone, "vv>v"},
	{OpI32x4Ne, "i32x4.ne", ImmNone, "vv>v"},
	{OpI32x4LtS, "i32x4.lt_s", ImmNone, "vv>v"},
	{OpI32x4LtU, "i32x4.lt_u", ImmNone, "vv>v"},
	{OpI32x4GtS, "i32x4.gt_s", ImmNone, "vv>v"},
	{OpI32x4GtU, "i32x4.gt_u", ImmNone, "vv>v"},
	{OpI32x4LeS, "i32x4.le_s", ImmNone, "vv>v"},
	{OpI32x4LeU, "i32x4.le_u", ImmNone, "vv>v"},
	{OpI32x4GeS, "i32x4.ge_s", ImmNone, "vv>v"},
	{OpI32x4GeU, "i32x4.ge_u", ImmNone, "vv>v"},
	{OpF32x4Eq, "f32x4.eq", ImmNone, "vv>v"},
	{OpF32x4Ne, "f32x4.ne", ImmNone, "vv>v"},
	{OpF32x4Lt, "f32x4.lt", ImmNone, "vv>v"},
	{OpF32x4Gt, "f32x4.gt", ImmNone, "vv>v"},
	{OpF32x4Le, "f32x4.le", ImmNone, "vv>v"},
	{OpF32x4Ge, "f32x4.ge", ImmNone, "vv>v"},
	{OpF64x2Eq, "f64x2.eq", ImmNone, "vv>v"},
	{OpF64x2Ne, "f64x2.ne", ImmNone, "vv>v"},
	{OpF64x2Lt, "f64x2.lt", ImmNone, "vv>v"},
	{OpF64x2Gt, "f64x2.gt", ImmNone, "vv>v"},
	{OpF64x2Le, "f64x2.le", ImmNone, "vv>v"},
	{OpF64x2Ge, "f64x2.ge", ImmNone, "vv>v"},
	{OpV128Not, "v128.not", ImmNone, "v>v"},
	{OpV128And, "v128.and", ImmNone, "vv>v"},
	{OpV128Andnot, "v128.andnot", ImmNone, "vv>v"},
	{OpV128Or, "v128.or", ImmNone, "vv>v"},
	{OpV128Xor, "v128.xor", ImmNone, "vv>v"},
	{OpV128Bitselect, "v128.bitselect", ImmNone, "vvv>v"},
	{OpV128AnyTrue, "v128.any_true", ImmNone, "v>i"},
	{OpV128Load8Lane, "v128.load8_lane", ImmMemArgLane, "av>v"},
	{OpV128Load16Lane, "v128.load16_lane", ImmMemArgLane, "av>v"},
	{OpV128Load32Lane, "v128.load32_lane", ImmMemArgLane, "av>v"},
	{OpV128Load64Lane, "v128.load64_lane", ImmMemArgLane, "av>v"},
	{OpV128Store8Lane, "v128.store8_lane", ImmMemArgLane, "av>"},
	{OpV128Store16Lane, "v128.store16_lane", ImmMemArgLane, "av>"},
	{OpV128Store32Lane, "v128.store32_lane", ImmMemArgLane, "av>"},
	{OpV128Store64Lane, "v128.store64_lane", ImmMemArgLane, "av>"},
	{OpV128Load32Zero, "v128.load32_zero", ImmMemArg, "a>v"},
	{OpV128Load64Zero, "v128.load64_zero", ImmMemArg, "a>v"},
	{OpF32x4DemoteF64x2Zero, "f32x4.demote_f64x2_zero", ImmNone, "v>v"},
	{OpF64x2PromoteLowF32x4, "f64x2.promote_low_f32x4", ImmNone, "v>v"},
	{OpI8x16Abs, "i8x16.abs", ImmNone, "v>v"},
	{OpI8x16Neg, "i8x16.neg", ImmNone, "v>v"},
	{OpI8x16Popcnt, "i8x16.popcnt", ImmNone, "v>v"},
	{OpI8x16AllTrue, "i8x16.all_true", ImmNone, "v>i"},
	{OpI8x16Bitmask, "i8x16.bitmask", ImmNone, "v>i"},
	{OpI8x16NarrowI16x8S, "i8x16.narrow_i16x8_s", ImmNone, "vv>v"},
	{OpI8x16NarrowI16x8U, "i8x16.narrow_i16x8_u", ImmNone, "vv>v"},
	{OpF32x4Ceil, "f32x4.ceil", ImmNone, "v>v"},
	{OpF32x4Floor, "f32x4.floor", ImmNone, "v>v"},
	{OpF32x4Trunc, "f32x4.trunc", ImmNone, "v>v"},
	{OpF32x4Nearest, "f32x4.nearest", ImmNone, "v>v"},
	{OpI8x16Shl, "i8x16.shl", ImmNone, "vi>v"},
	{OpI8x16ShrS, "i8x16.shr_s", ImmNone, "vi>v"},
	{OpI8x16ShrU, "i8x16.shr_u", ImmNone, "vi>v"},
	{OpI8x16Add, "i8x16.add", ImmNone, "vv>v"},
	{OpI8x16AddSatS, "i8x16.add_sat_s", ImmNone, "vv>v"},
	{OpI8x16AddSatU, "i8x16.add_sat_u", ImmNone, "vv>v"},
	{OpI8x16Sub, "i8x16.sub", ImmNone, "vv>v"},
	{OpI8x16SubSatS, "i8x16.sub_sat_s", ImmNone, "vv>v"},
	{OpI8x16SubSatU, "i8x16.sub_sat_u", ImmNone, "vv>v"},
	{OpF64x2Ceil, "f64x2.ceil", ImmNone, "v>v"},
	{OpF64x2Floor, "f64x2.floor", ImmNone, "v>v"},
	{OpI8x16MinS, "i8x16.min_s", ImmNone, "vv>v"},
	{OpI8x16MinU, "i8x16.min_u", ImmNone, "vv>v"},
	{OpI8x16MaxS, "i8x16.max_s", ImmNone, "vv>v"},
	{OpI8x16MaxU, "i8x16.max_u", ImmNone, "vv>v"},
	{OpF64x2Trunc, "f64x2.trunc", ImmNone, "v>v"},
	{OpI8x16AvgrU, "i8x16.avgr_u", ImmNone, "vv>v"},
	{OpI16x8ExtaddPairwiseI8x16S, "i16x8.extadd_pairwise_i8x16_s", ImmNone, "v>v"},
	{OpI16x8ExtaddPairwiseI8x16U, "i16x8.extadd_pairwise_i8x16_u", ImmNone, "v>v"},
	{OpI32x4ExtaddPairwiseI16x8S, "i32x4.extadd_pairwise_i16x8_s", ImmNone, "v>v"},
	{OpI32x4ExtaddPairwiseI16x8U, "i32x4.extadd_pairwise_i16x8_u", ImmNone, "v>v"},
	{OpI16x8Abs, "i16x8.abs", ImmNone, "v>v"},
	{OpI16x8Neg, "i16x8.neg", ImmNone, "v>v"},
	{OpI16x8Q15mulrSatS, "i16x8.q15mulr_sat_s", ImmNone, "vv>v"},
	{OpI16x8AllTrue, "i16x8.all_true", ImmNone, "v>i"},
	{OpI16x8Bitmask, "i16x8.bitmask", ImmNone, "v>i"},
	{OpI16x8NarrowI32x4S, "i16x8.narrow_i32x4_s", ImmNone, "vv>v"},
	{OpI16x8NarrowI32x4U, "i16x8.narrow_i32x4_u", ImmNone, "vv>v"},
	{OpI16x8ExtendLowI8x16S, "i16x8.extend_low_i8x16_s", ImmNone, "v>v"},
	{OpI16x8ExtendHighI8x16S, "i16x8.extend_high_i8x16_s", ImmNone, "v>v"},
	{OpI16x8ExtendLowI8x16U, "i16x8.extend_low_i8x16_u", ImmNone, "v>v"},
	{OpI16x8ExtendHighI8x16U, "i16x8.extend_high_i8x16_u", ImmNone, "v>v"},
	{OpI16x8Shl, "i16x8.shl", ImmNone, "vi>v"},
	{OpI16x8ShrS, "i16x8.shr_s", ImmNone, "vi>v"},
	{OpI16x8ShrU, "i16x8.shr_u", ImmNone, "vi>v"},
	{OpI16x8Add, "i16x8.add", ImmNone, "vv>v"},
	{OpI16x8AddSatS, "i16x8.add_sat_s", ImmNone, "vv>v"},
	{OpI16x8AddSatU, "i16x8.add_sat_u", ImmNone, "vv>v"},
	{OpI16x8Sub, "i16x8.sub", ImmNone, "vv>v"},
	{OpI16x8SubSatS, "i16x8.sub_sat_s", ImmNone, "vv>v"},
	{OpI16x8SubSatU, "i16x8.sub_sat_u", ImmNone, "vv>v"},
	{OpF64x2Nearest, "f64x2.nearest", ImmNone, "v>v"},
	{OpI16x8Mul, "i16x8.mul", ImmNone, "vv>v"},
	{OpI16x8MinS, "i16x8.min_s", ImmNone, "vv>v"},
	{OpI16x8MinU, "i16x8.min_u", ImmNone, "vv>v"},
	{OpI16x8MaxS, "i16x8.max_s", ImmNone, "vv>v"},
	{OpI16x8MaxU, "i16x8.max_u", ImmNone, "vv>v"},
	{OpI16x8AvgrU, "i16x8.avgr_u", ImmNone, "vv>v"},
	{OpI16x8ExtmulLowI8x16S, "i16x8.extmul_low_i8x16_s", ImmNone, "vv>v"},
	{OpI16x8ExtmulHighI8x16S, "i16x8.extmul_high_i8x16_s", ImmNone, "vv>v"},
	{OpI16x8ExtmulLowI8x16U, "i16x8.extmul_low_i8x16_u", ImmNone, "vv>v"},
	{OpI16x8ExtmulHighI8x16U, "i16x8.extmul_high_i8x16_u", ImmNone, "vv>v"},
	{OpI32x4Abs, "i32x4.abs", ImmNone, "v>v"},
	{OpI32x4Neg, "i32x4.neg", ImmNone, "v>v"},
	{OpI32x4AllTrue, "i32x4.all_true", ImmNone, "v>i"},
	{OpI32x4Bitmask, "i32x4.bitmask", ImmNone, "v>i"},
	{OpI32x4ExtendLowI16x8S, "i32x4.extend_low_i16x8_s", ImmNone, "v>v"},
	{OpI32x4ExtendHighI16x8S, "i32x4.extend_high_i16x8_s", ImmNone, "v>v"},
	{OpI32x4ExtendLowI16x8U, "i32x4.extend_low_i16x8_u", ImmNone, "v>v"},
	{OpI32x4ExtendHighI16x8U, "i32x4.extend_high_i16x8_u", ImmNone, "v>v"},
	{OpI32x4Shl, "i32x4.shl", ImmNone, "vi>v"},
	{OpI32x4ShrS, "i32x4.shr_s", ImmNone, "vi>v"},
	{OpI32x4ShrU, "i32x4.shr_u", ImmNone, "vi>v"},
	{OpI32x4Add, "i32x4.add", ImmNone, "vv>v"},
	{OpI32x4Sub, "i32x4.sub", ImmNone, "vv>v"},
	{OpI32x4Mul, "i32x4.mul", ImmNone, "vv>v"},
	{OpI32x4MinS, "i32x4.min_s", ImmNone, "vv>v"},
	{OpI32x4MinU, "i32x4.min_u", ImmNone, "vv>v"},
	{OpI32x4MaxS, "i32x4.max_s", ImmNone, "vv>v"},
	{OpI32x4MaxU, "i32x4.max_u", ImmNone, "vv>v"},
	{OpI32x4DotI16x8S, "i32x4.dot_i16x8_s", ImmNone, "vv>v"},
	{OpI32x4ExtmulLowI16x8S, "i32x4.extmul_low_i16x8_s", ImmNone, "vv>v"},
	{OpI32x4ExtmulHighI16x8S, "i32x4.extmul_high_i16x8_s", ImmNone, "vv>v"},
	{OpI32x4ExtmulLowI16x8U, "i32x4.extmul_low_i16x8_u", ImmNone, "vv>v"},
	{OpI32x4ExtmulHighI16x8U, "i32x4.extmul_high_i16x8_u", ImmNone, "vv>v"},
	{OpI64x2Abs, "i64x2.abs", ImmNone, "v>v"},
	{OpI64x2Neg, "i64x2.neg", ImmNone, "v>v"},
	{OpI64x2AllTrue, "i64x2.all_true", ImmNone, "v>i"},
	{OpI64x2Bitmask, "i64x2.bitmask", ImmNone, "v>i"},
	{OpI64x2ExtendLowI32x4S, "i64x2.extend_low_i32x4_s", ImmNone, "v>v"},
	{OpI64x2ExtendHighI32x4S, "i64x2.extend_high_i32x4_s", ImmNone, "v>v"},
	{OpI64x2ExtendLowI32x4U, "i64x2.extend_low_i32x4_u", ImmNone, "v>v"},
	{OpI64x2ExtendHighI32x4U, "i64x2.extend_high_i32x4_u", ImmNone, "v>v"},
	{OpI64x2Shl, "i64x2.shl", ImmNone, "vi>v"},
	{OpI64x2ShrS, "i64x2.shr_s", ImmNone, "vi>v"},
	{OpI64x2ShrU, "i64x2.shr_u", ImmNone, "vi>v"},
	{OpI64x2Add, "i64x2.add", ImmNone, "vv>v"},
	{OpI64x2Sub, "i64x2.sub", ImmNone, "vv>v"},
	{OpI64x2Mul, "i64x2.mul", ImmNone, "vv>v"},
	{OpI64x2Eq, "i64x2.eq", ImmNone, "vv>v"},
	{OpI64x2Ne, "i64x2.ne", ImmNone, "vv>v"},
	{OpI64x2LtS, "i64x2.lt_s", ImmNone, "vv>v"},
	{OpI64x2GtS, "i64x2.gt_s", ImmNone, "vv>v"},
	{OpI64x2LeS, "i64x2.le_s", ImmNone, "vv>v"},
	{OpI64x2GeS, "i64x2.ge_s", ImmNone, "vv>v"},
	{OpI64x2ExtmulLowI32x4S, "i64x2.extmul_low_i32x4_s", ImmNone, "vv>v"},
	{OpI64x2ExtmulHighI32x4S, "i64x2.extmul_high_i32x4_s", ImmNone, "vv>v"},
	{OpI64x2ExtmulLowI32x4U, "i64x2.extmul_low_i32x4_u", ImmNone, "vv>v"},
	{OpI64x2ExtmulHighI32x4U, "i64x2.extmul_high_i32x4_u", ImmNone, "vv>v"},
	{OpF32x4Abs, "f32x4.abs", ImmNone, "v>v"},
	{OpF32x4Neg, "f32x4.neg", ImmNone, "v>v"},
	{OpF32x4Sqrt, "f32x4.sqrt", ImmNone, "v>v"},
	{OpF32x4Add, "f32x4.add", ImmNone, "vv>v"},
	{OpF32x4Sub, "f32x4.sub", ImmNone, "vv>v"},
	{OpF32x4Mul, "f32x4.mul", ImmNone, "vv>v"},
	{OpF32x4Div, "f32x4.div", ImmNone, "vv>v"},
	{OpF32x4Min, "f32x4.min", ImmNone, "vv>v"},
	{OpF32x4Max, "f32x4.max", ImmNone, "vv>v"},
	{OpF32x4Pmin, "f32x4.pmin", ImmNone, "vv>v"},
	{OpF32x4Pmax, "f32x4.pmax", ImmNone, "vv>v"},
	{OpF64x2Abs, "f64x2.abs", ImmNone, "v>v"},
	{OpF64x2Neg, "f64x2.neg", ImmNone, "v>v"},
	{OpF64x2Sqrt, "f64x2.sqrt", ImmNone, "v>v"},
	{OpF64x2Add, "f64x2.add", ImmNone, "vv>v"},
	{OpF64x2Sub, "f64x2.sub", ImmNone, "vv>v"},
	{OpF64x2Mul, "f64x2.mul", ImmNone, "vv>v"},
	{OpF64x2Div, "f64x2.div", ImmNone, "vv>v"},
	{OpF64x2Min, "f64x2.min", ImmNone, "vv>v"},
	{OpF64x2Max, "f64x2.max", ImmNone, "vv>v"},
	{OpF64x2Pmin, "f64x2.pmin", ImmNone, "vv>v"},
	{OpF64x2Pmax, "f64x2.pmax", ImmNone, "vv>v"},
	{OpI32x4TruncSatF32x4S, "i32x4.trunc_sat_f32x4_s", ImmNone, "v>v"},
	{OpI32x4TruncSatF32x4U, "i32x4.trunc_sat_f32x4_u", ImmNone, "v>v"},
	{OpF32x4ConvertI32x4S, "f32x4.convert_i32x4_s", ImmNone, "v>v"},
	{OpF32x4ConvertI32x4U, "f32x4.convert_i32x4_u", ImmNone, "v>v"},
	{OpI32x4TruncSatF64x2SZero, "i32x4.trunc_sat_f64x2_s_zero", ImmNone, "v>v"},
	{OpI32x4TruncSatF64x2UZero, "i32x4.trunc_sat_f64x2_u_zero", ImmNone, "v>v"},
	{OpF64x2ConvertLowI32x4S, "f64x2.convert_low_i32x4_s", ImmNone, "v>v"},
	{OpF64x2ConvertLowI32x4U, "f64x2.convert_low_i32x4_u", ImmNone, "v>v"},
	{OpI8x16RelaxedSwizzle, "i8x16.relaxed_swizzle", ImmNone, "vv>v"},
	{OpI32x4RelaxedTruncF32x4S, "i32x4.relaxed_trunc_f32x4_s", ImmNone, "v>v"},
	{OpI32x4RelaxedTruncF32x4U, "i32x4.relaxed_trunc_f32x4_u", ImmNone, "v>v"},
	{OpI32x4RelaxedTruncF64x2SZero, "i32x4.relaxed_trunc_f64x2_s_zero", ImmNone, "v>v"},
	{OpI32x4RelaxedTruncF64x2UZero, "i32x4.relaxed_trunc_f64x2_u_zero", ImmNone, "v>v"},
	{OpF32x4RelaxedMadd, "f32x4.relaxed_madd", ImmNone, "vvv>v"},
	{OpF32x4RelaxedNmadd, "f32x4.relaxed_nmadd", ImmNone, "vvv>v"},
	{OpF64x2RelaxedMadd, "f64x2.relaxed_madd", ImmNone, "vvv>v"},
	{OpF64x2RelaxedNmadd, "f64x2.relaxed_nmadd", ImmNone, "vvv>v"},
	{OpI8x16RelaxedLaneselect, "i8x16.relaxed_laneselect", ImmNone, "vvv>v"},
	{OpI16x8RelaxedLaneselect, "i16x8.relaxed_laneselect", ImmNone, "vvv>v"},
	{OpI32x4RelaxedLaneselect, "i32x4.relaxed_laneselect", ImmNone, "vvv>v"},
	{OpI64x2RelaxedLaneselect, "i64x2.relaxed_laneselect", ImmNone, "vvv>v"},
	{OpF32x4RelaxedMin, "f32x4.relaxed_min", ImmNone, "vv>v"},
	{OpF32x4RelaxedMax, "f32x4.relaxed_max", ImmNone, "vv>v"},
	{OpF64x2RelaxedMin, "f64x2.relaxed_min", ImmNone, "vv>v"},
	{OpF64x2RelaxedMax, "f64x2.relaxed_max", ImmNone, "vv>v"},
	{OpI16x8RelaxedQ15mulrS, "i16x8.relaxed_q15mulr_s", ImmNone, "vv>v"},
	{OpI16x8RelaxedDotI8x16I7x16S, "i16x8.relaxed_dot_i8x16_i7x16_s", ImmNone, "vv>v"},
	{OpI32x4RelaxedDotI8x16I7x16AddS, "i32x4.relaxed_dot_i8x16_i7x16_add_s", ImmNone, "vvv>v"},
}
